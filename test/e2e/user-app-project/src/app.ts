// A program as users write it: top-level await of dispatch.run in the entry module, a class
// declared in the same module whose instance is held across durable awaits, Promise.all over
// durable calls (not helpers) and over async arrows that await them, a retried call, a closure, a Map, and a durable timer; an
// instance of a class from a module without durable code, and a reference to its singleton.
import * as dispatch from "dispatch-ts";
import { Admin, defaults } from "./models.js";

let attempts = 0;
export const flaky = dispatch.function(async function flaky(n: number) {
  attempts++;
  if (attempts % 3 === 1) throw new dispatch.TemporaryError(`flaky ${n}`);
  return n * 2;
});

class Account {
  constructor(
    public id: string,
    public balance: number,
  ) {}
  deposit(x: number): this {
    this.balance += x;
    return this;
  }
}

export const workflow = dispatch.function(async function workflow(items: number[]) {
  const account = new Account("a1", 0);
  const admin = new Admin("ada", new Set(["ops"]));
  const config = defaults;
  const seen = new Map<number, number>();
  for (const [i, item] of items.entries()) {
    const doubled = await flaky(item);
    seen.set(i, doubled);
    account.deposit(doubled);
  }
  const fanned = await Promise.all(items.map((x) => flaky(x + 100)));
  const settled = await Promise.allSettled([flaky(7), flaky(8)]);
  // An async arrow in a durable body is a durable helper: it awaits a durable call.
  const pairs = await Promise.all(items.map(async (x) => [x, await flaky(x + 200)]));
  const label = (x: number) => `${account.id}:${x}`;
  await dispatch.sleep("1ms");
  return {
    seen: [...seen],
    fanned,
    settled: settled.map((s) => s.status),
    pairs,
    label: label(account.balance),
    isAccount: account instanceof Account,
    admin: [admin.greet(), admin instanceof Admin, admin.level, [...admin.tags]],
    sameConfig: config === defaults,
  };
});

console.log(JSON.stringify(await dispatch.run(workflow([1, 2, 3]))));
