// 99002 + 99003: a frame-resident local whose type cannot be serialized, live at a durable await.
import * as dispatch from "dispatch-ts";
import { connect } from "node:net";
import { Ledger, step } from "./steps.js";
import { plainPages, PlainCounter } from "./plain.js";

class Counter {
  #count = 0;
  bump(): number {
    return ++this.#count;
  }
}

function* numbers(): Generator<number> {
  yield 1;
}

export const socket = dispatch.function(async function socket(port: number) {
  const conn = connect(port);
  const n = await step(port);
  conn.end();
  return n;
});

export const kinds = dispatch.function(async function kinds(n: number) {
  const seen = new WeakMap<object, number>();
  const keys = new Map([["a", 1]]).keys();
  const gen = plainPages();
  const pending = fetch("http://127.0.0.1:1/");
  const tag = Symbol("tag");
  const counter = new PlainCounter();
  const abort = new AbortController();
  const ok = { n, at: new Date(), list: [1, 2], byName: new Map<string, number>() };
  await step(n);
  return [seen, keys, gen, pending, tag, counter, abort, ok];
});

export const nested = dispatch.function(async function nested(ports: number[]) {
  const conns = ports.map((p) => connect(p));
  const holder = { ref: new WeakRef(conns) };
  await dispatch.sleep("1s");
  return [conns.length, holder];
});

export const looped = dispatch.function(async function looped(urls: string[]) {
  let total = 0;
  for (const url of urls) {
    const res = await fetch(url);
    total += await step(res.status);
  }
  return total;
});

export const settled = dispatch.function(async function settled(url: string) {
  const response = fetch(url);
  const status = (await response).status;
  return status + (await step(status));
});

class SubCounter extends Counter {
  label = "sub";
}

class OwnLedger extends Ledger {
  #mine = 0;
}

const sequences = {
  *odds(): Generator<number> {
    yield 1;
  },
};

// Saved by the run time, so not reported: lowered generators' objects (also typed as an iterator)
// and instances of #private classes of modules with durable code.
export const saved = dispatch.function(async function saved(n: number) {
  const gen = numbers();
  const odds = sequences.odds();
  const iter: IterableIterator<number> = numbers();
  const counter = new Counter();
  const sub = new SubCounter();
  const ledger = new Ledger();
  const own = new OwnLedger();
  await step(n);
  for (const x of numbers()) await step(x);
  return [gen.next(), odds.next(), iter.next(), counter.bump(), sub.bump(), ledger.add(1), own.add(2)];
});

class SubPlain extends PlainCounter {}

class SubLedger extends Ledger {}

// Refused by the run time: native generators' objects, #private state it does not save.
export const refusedByOrigin = dispatch.function(async function refusedByOrigin(n: number) {
  function* local(): Generator<number> {
    yield 1;
  }
  const gen = local();
  const sub = new SubPlain();
  const ledger = new SubLedger();
  await step(n);
  return [gen.next(), sub.bump(), ledger.add(1)];
});

export let blocked: unknown;
{
  // A block, not the top level: the class is no binding of the module, so a resume could not find it.
  class Blocked {
    #v = 1;
    get v(): number {
      return this.#v;
    }
  }
  blocked = dispatch.function(async function blocked(n: number) {
    const b = new Blocked();
    await step(n);
    return b.v;
  });
}
