// Subclasses whose base class is declared in another module, each instance held
// across durable calls (test/engine/private-cross-module.test.ts).
import * as dispatch from "dispatch-ts";
import { square, Tally, Between } from "./base-durable.js";
import { Ledger } from "./base-plain.js";
import { Gap } from "./middle.js";

/** #score here, #seen in Tally's module: both saved. */
export class ScoredTally extends Tally {
  #score = 0;
  add(n: number) {
    this.#score += n;
    return this.see(n);
  }
  report() {
    return `${this.label} ${this.seen()} = ${this.#score}`;
  }
}

/** Between (no #private, declared next to Tally) is registered with Tally's chain: Leaf is saved whole. */
export class Leaf extends Between {
  #depth = 1;
  deeper() {
    this.#depth++;
    return this;
  }
  report() {
    return `${this.label} ${this.seen()} depth ${this.#depth}`;
  }
}

/** Gap (middle.ts) sits between Tally and this class, registered by neither module. */
export class PastGap extends Gap {
  #extra = "x";
  report() {
    return `${this.seen()} ${this.#extra}`;
  }
}

/** Ledger's module has no durable code: its #entries cannot be read from here. */
export class CheckedLedger extends Ledger {
  #checks = 0;
  check(e: string) {
    this.#checks++;
    return this.note(e);
  }
  report() {
    return `${this.entries()} after ${this.#checks} checks`;
  }
}

export const scored = dispatch.function(async function scored(ns: number[]) {
  const t = new ScoredTally("t");
  for (const n of ns) t.add(await square(n));
  return t.report();
});

export const leaf = dispatch.function(async function leaf(ns: number[]) {
  const t = new Leaf("l");
  for (const n of ns) t.see(await square(n)).deeper();
  return t.report();
});

export const pastGap = dispatch.function(async function pastGap(ns: number[]) {
  const t = new PastGap("g");
  for (const n of ns) t.see(await square(n));
  return t.report();
});

export const ledger = dispatch.function(async function ledger(ns: number[]) {
  const l = new CheckedLedger();
  for (const n of ns) l.check(String(await square(n)));
  return l.report();
});
