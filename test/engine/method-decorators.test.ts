// The decorators `dispatch.function` / `dispatch.durable` applied by hand (a decorator is a
// function: these are the calls TypeScript emits) to methods the transformer did not lower and
// to members that are not methods: each refusal says what is wrong and how to fix it.
import { describe, expect, it } from "vitest";
import * as dispatch from "../../runtime/index.js";

const methodContext = (name: string, kind = "method") => ({ kind, name, static: false, private: false, access: {}, metadata: {}, addInitializer: () => undefined }) as unknown as ClassMethodDecoratorContext;

describe("method decorators without the transformer", () => {
  it("@dispatch.function on a method that was not lowered says how to build", () => {
    const handle = async (): Promise<number> => 1;
    expect(() => dispatch.function(handle, methodContext("handle"))).toThrow(/cannot use @dispatch\.function\(handle\): the function was not compiled by the dispatch-ts transformer/);
  });

  it("@dispatch.durable({ version }) (a factory) on a method that was not lowered says the same", () => {
    const decorator = dispatch.durable({ version: "v1" });
    const helper = async (): Promise<number> => 1;
    expect(() => decorator(helper, methodContext("helper"))).toThrow(/cannot use @dispatch\.durable\(helper\): the function was not compiled/);
  });

  it("legacy (experimentalDecorators) shape, on an accessor: refused naming the member", () => {
    const descriptor = { get: () => Promise.resolve(1), configurable: true, enumerable: false };
    expect(() => dispatch.durable({}, "value", descriptor as never)).toThrow("cannot apply @dispatch.durable to an accessor (value): it decorates async methods of a class");
  });

  it("standard shape, on a field or a getter: refused naming the member", () => {
    expect(() => dispatch.function((async () => 1) as never, methodContext("count", "field"))).toThrow("cannot apply @dispatch.function to a field (count): it decorates async methods of a class");
    expect(() => dispatch.function((async () => 1) as never, methodContext("total", "getter"))).toThrow("cannot apply @dispatch.function to a getter (total): it decorates async methods of a class");
  });

  it("a decorator factory applied to something that is not a class member", () => {
    const decorator = dispatch.function({ name: "x" }) as unknown as (v: unknown) => unknown;
    expect(() => decorator(42)).toThrow("cannot apply @dispatch.function(options): it decorates async methods of a class");
  });
});
