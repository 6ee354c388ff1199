// Durable methods as users mark them: `@dispatch.function` on an instance method of a
// module-level singleton (its receiver travels as a reference), on a static method with options
// (wire name and version pin), on a method of an instance passed by value, and `@dispatch.durable`
// on a helper method. Compiled with both decorator modes (standard and experimentalDecorators).
import * as dispatch from "dispatch-ts";

export const fetchName = dispatch.function(async function fetchName(id: number) {
  return `user${id}`;
});

class Service {
  prefix = "svc";
  static runs = 0;

  @dispatch.function
  async handle(id: number): Promise<string> {
    const a = await fetchName(id);
    return `${this.prefix}:${a}+${await fetchName(id + 1)}`;
  }

  @dispatch.durable
  async helper(x: number): Promise<string> {
    return (await fetchName(x)) + "!";
  }

  @dispatch.function({ name: "Service.total", version: "v1" })
  static async total(n: number): Promise<number> {
    const name = await fetchName(n);
    Service.runs++;
    return name.length + n;
  }
}
export const service = new Service();

export class Counter {
  constructor(public start: number) {}

  @dispatch.function
  async add(n: number): Promise<number> {
    const name = await fetchName(n);
    return this.start + n + name.length;
  }
}

const main = dispatch.function(async function main(x: number) {
  const handled = await service.handle(x);
  const helped = await service.helper(x);
  const total = await Service.total(x);
  const added = await new Counter(10).add(x);
  return { handled, helped, total, added };
});

console.log(JSON.stringify(await dispatch.run(main(1))));
// Outside a durable body a decorated method is a lazy call, like a dispatch.function callable.
console.log(JSON.stringify(await dispatch.run(service.handle(7))));
