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
