// Durable functions that each keep, across a durable call, a value the codec
// refuses: the cross-check test runs them through the engine (the run-time
// error names the local) and compiles them with the tspc plugin (the
// diagnostic names the same local). Some keep values the run time saves
// (lowered generators, #private instances of registered classes): no error,
// no diagnostic.
import * as dispatch from "dispatch-ts";
import { Socket } from "node:net";
import { EventEmitter } from "node:events";
import { createHash } from "node:crypto";
import { plainNumbers, PlainCounter } from "./plain-module.js";
import { Ledger } from "./ledger.js";

export const step = dispatch.function(async function step(n: number) {
  return n + 1;
});

async function lookup(n: number) {
  return n;
}

// Lowered (no enclosing function, in a module with durable code): its objects are saved.
function* numbers(): Generator<number> {
  yield 1;
  yield 2;
}

// Saved with its #private fields, and so are instances of its subclass in this module.
class Tally {
  #count = 0;
  bump(): number {
    return ++this.#count;
  }
}

class NamedTally extends Tally {
  constructor(readonly name: string) {
    super();
  }
}

const sequences = {
  *evens(): Generator<number> {
    yield 2;
    yield 4;
  },
};

// Subclasses of a #private class of another module: saved when they have #private members of
// their own (registered here), refused when they do not (this file does not declare Ledger).
class OwnLedger extends Ledger {
  #mine = 10;
  mine(): number {
    return this.#mine;
  }
}

class SubLedger extends Ledger {}

// Of a class whose #private state the run time does not save (its module has no durable code).
class SubPlain extends PlainCounter {}

// Registered (it has #private members) but not a top-level binding: a resume could not find it.
const makeHidden = (() => {
  class Hidden {
    #secret = 1;
    peek(): number {
      return this.#secret;
    }
  }
  return () => new Hidden();
})();

export const holdsSocket = dispatch.function(async function holdsSocket() {
  const conn = new Socket();
  const n = await step(1);
  conn.destroy();
  return n;
});

export const holdsWeakMap = dispatch.function(async function holdsWeakMap() {
  const cache = new WeakMap<object, number>();
  return (await step(1)) + (cache.has({}) ? 1 : 0);
});

export const holdsIterator = dispatch.function(async function holdsIterator() {
  const cursor = new Map([["a", 1]]).values();
  const n = await step(1);
  return n + (cursor.next().value ?? 0);
});

export const holdsPromise = dispatch.function(async function holdsPromise() {
  const later = lookup(1);
  const n = await step(1);
  return n + (await later);
});

export const holdsController = dispatch.function(async function holdsController() {
  const controller = new AbortController();
  const n = await step(1);
  controller.abort();
  return n;
});

export const holdsSymbol = dispatch.function(async function holdsSymbol() {
  const marker = Symbol("marker");
  const n = await step(1);
  return `${n} ${marker.description}`;
});

/** A generator declared inside a function stays native: its object is refused. */
export const holdsGenerator = dispatch.function(async function holdsGenerator() {
  function* local(): Generator<number> {
    yield 1;
  }
  const gen = local();
  const n = await step(1);
  return n + (gen.next().value ?? 0);
});

/** A generator of a module without durable code stays native. */
export const holdsPlainGenerator = dispatch.function(async function holdsPlainGenerator() {
  const gen = plainNumbers();
  const n = await step(1);
  return n + (gen.next().value ?? 0);
});

/** A lowered generator's object is a frame: saved, resumed where it was. */
export const holdsLoweredGenerator = dispatch.function(async function holdsLoweredGenerator() {
  const gen = numbers();
  const first = gen.next().value ?? 0;
  const evens = sequences.evens();
  const n = await step(first);
  return [n, gen.next().value, evens.next().value, evens.next().value];
});

/** A class of a module without durable code is not registered: its instance is refused. */
export const holdsPlainPrivate = dispatch.function(async function holdsPlainPrivate() {
  const counter = new PlainCounter();
  const n = await step(counter.bump());
  return n + counter.bump();
});

/** A class with #private state that is not a top-level binding. */
export const holdsHiddenPrivate = dispatch.function(async function holdsHiddenPrivate() {
  const hidden = makeHidden();
  const n = await step(1);
  return n + hidden.peek();
});

/** A subclass of another module's #private class, with #private members of its own: saved. */
export const holdsOwnSubclass = dispatch.function(async function holdsOwnSubclass() {
  const ledger = new OwnLedger();
  ledger.add(1);
  const n = await step(1);
  return [n, ledger.add(2), ledger.mine()];
});

/** A subclass of another module's #private class without #private members: not registered, refused. */
export const holdsForeignSubclass = dispatch.function(async function holdsForeignSubclass() {
  const ledger = new SubLedger();
  const n = await step(ledger.add(1));
  return n + ledger.add(2);
});

/** A subclass (here) of a class of a module without durable code: saved without its #private fields. */
export const holdsPlainSubclass = dispatch.function(async function holdsPlainSubclass() {
  const counter = new SubPlain();
  const n = await step(counter.bump());
  return n + counter.bump();
});

/** A top-level class of this module (and its subclass here) is saved with its #private fields. */
export const holdsPrivate = dispatch.function(async function holdsPrivate() {
  const tally = new Tally();
  const named = new NamedTally("a");
  tally.bump();
  named.bump();
  named.bump();
  const n = await step(1);
  return [n, tally.bump(), named.bump(), named.name];
});

export const holdsBound = dispatch.function(async function holdsBound() {
  const format = Number.prototype.toFixed.bind(1.5);
  const n = await step(1);
  return `${n} ${format(1)}`;
});

export const holdsEmitter = dispatch.function(async function holdsEmitter() {
  const emitter = new EventEmitter();
  return (await step(1)) + emitter.eventNames().length;
});

export const holdsHash = dispatch.function(async function holdsHash() {
  const hash = createHash("sha256");
  return (await step(1)) + hash.digest("hex").length;
});

export const holdsDomException = dispatch.function(async function holdsDomException() {
  const failure = new DOMException("nope");
  return `${await step(1)} ${failure.name}`;
});

export const holdsNumberFormat = dispatch.function(async function holdsNumberFormat() {
  const format = new Intl.NumberFormat("en");
  return format.format(await step(1));
});

export const holdsLocalClass = dispatch.function(async function holdsLocalClass() {
  class Point {
    constructor(readonly x: number) {}
  }
  const origin = new Point(0);
  const n = await step(1);
  return n + origin.x;
});

export const holdsLocalError = dispatch.function(async function holdsLocalError() {
  class Oops extends Error {}
  const saved = new Oops("kept");
  const n = await step(1);
  return `${n} ${saved.message}`;
});

export const callsUnmarked = dispatch.function(async function callsUnmarked() {
  return await twice(1);
});

export const fanOutArrows = dispatch.function(async function fanOutArrows() {
  return await Promise.all([1, 2].map(async (n) => await step(n)));
});

async function twice(n: number) {
  return (await step(n)) + (await step(n));
}

/** An await's result is not kept once consumed: a platform object awaited and dropped is fine. */
export const dropsResult = dispatch.function(async function dropsResult() {
  await makeController();
  const aborted = (await makeController()).signal.aborted;
  return (await step(1)) + (aborted ? 1 : 0);
});

async function makeController() {
  return new AbortController();
}

function useController(c: AbortController, n: number): number {
  return c.signal.aborted ? n : n + 1;
}

/** A temporary of an ordinary await (the first argument) is still in the frame at the durable await. */
export const holdsTemporary = dispatch.function(async function holdsTemporary() {
  const x = useController(new AbortController(), await lookup(1));
  return await step(x);
});

/** The generator a for-of loop iterates is kept in the frame while its body waits durably: a native one is refused. */
export const loopsOverGenerator = dispatch.function(async function loopsOverGenerator() {
  let total = 0;
  for (const n of plainNumbers()) total += await step(n);
  return total;
});

/** ... and a lowered one is saved with the loop. */
export const loopsOverLoweredGenerator = dispatch.function(async function loopsOverLoweredGenerator() {
  let total = 0;
  for (const n of numbers()) total += await step(n);
  return total;
});

/** A Map's keys() is iterated by position (the Map is kept, not its iterator): fine. */
export const loopsOverKeys = dispatch.function(async function loopsOverKeys() {
  let total = 0;
  for (const n of new Map([[1, "a"], [2, "b"]]).keys()) total += await step(n);
  return total;
});

/** The types say nothing (any): no diagnostic, the run-time error is the only report. */
export const holdsUntyped = dispatch.function(async function holdsUntyped() {
  const opaque: any = new WeakSet();
  const n = await step(1);
  return n + (opaque.has({}) ? 1 : 0);
});
