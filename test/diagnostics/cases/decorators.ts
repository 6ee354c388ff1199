// @dispatch.function / @dispatch.durable on methods: decorated async methods are durable (no
// 99005 at their calls), anything else decorated is 99007 at the decorator.
import * as dispatch from "dispatch-ts";
import { durable } from "dispatch-ts";
import { step } from "./steps.js";

class DecoratedService {
  @dispatch.function
  async handle(n: number): Promise<number> {
    return (await step(n)) + (await this.helper(n));
  }

  @durable
  async helper(n: number): Promise<number> {
    return await step(n);
  }

  @dispatch.function({ name: "decoratedTotal" })
  static async total(n: number): Promise<number> {
    return await step(n);
  }

  // @ts-expect-error -- not async: the decorator's types refuse it too
  @dispatch.function
  notAsync(n: number): number {
    return n;
  }

  // An accessor (the decorator's types let it through: the transformer catches it).
  @dispatch.durable
  get value(): Promise<number> {
    return Promise.resolve(1);
  }

  // @ts-expect-error -- a field
  @dispatch.function
  field = 1;

  @dispatch.function({ name: "decoratedTwice" })
  async twiceA(n: number): Promise<number> {
    return await step(n);
  }

  @dispatch.function({ name: "decoratedTwice" })
  async twiceB(n: number): Promise<number> {
    return await step(n);
  }
}
export const decorated = new DecoratedService();

export const usesMethods = dispatch.function(async function usesMethods(n: number) {
  return (await decorated.handle(n)) + (await decorated.helper(n)) + (await DecoratedService.total(n));
});

// A decorated method's call is typed as the Promise the method declares, but it is a durable call:
// held across a durable await and mixed with other durable calls, it is not reported.
export const holdsCalls = dispatch.function(async function holdsCalls(n: number) {
  const pending = decorated.handle(n);
  const both = await Promise.all([decorated.handle(n + 1), step(n)]);
  return (await pending) + both[0];
});
