// Instances with #private fields held across durable calls, for the test that
// resumes their state in another process (test/engine/private-state.test.ts).
import * as dispatch from "dispatch-ts";

export const square = dispatch.function(async function square(n: number) {
  return n * n;
});

export class Wallet {
  #coins: number[] = [];
  #owner: string;
  constructor(owner: string) {
    this.#owner = owner;
  }
  add(n: number) {
    this.#coins.push(n);
  }
  #total() {
    return this.#coins.reduce((a, b) => a + b, 0);
  }
  summary() {
    return `${this.#owner}: ${this.#total()}`;
  }
}

export const fillWallet = dispatch.function(async function fillWallet(ns: number[]) {
  const w = new Wallet("ann");
  for (const n of ns) w.add(await square(n));
  return w.summary();
});

function makeCounterClass() {
  return class Hidden {
    #n = 0;
    inc() {
      return ++this.#n;
    }
  };
}

export const hiddenClass = dispatch.function(async function hiddenClass() {
  const c = new (makeCounterClass())();
  c.inc();
  await square(2);
  return c.inc();
});

// A subclass of Wallet declared in a module without durable code (written next to
// this module by the test): its constructor was not guarded, so it cannot be restored.
async function makeForeignWallet(): Promise<Wallet> {
  // @ts-expect-error written by the test at run time
  return new (await import("./foreign-wallet.mjs")).ForeignWallet("cy");
}

export const foreignSubclass = dispatch.function(async function foreignSubclass() {
  const w = await makeForeignWallet();
  await square(1);
  return w.summary();
});
