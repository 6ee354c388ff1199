// Engine-owned things a frame may await (helper promises, durable calls,
// directives and their promises), found by identity through a private-field
// stamp (see private-stamp.ts for why not a WeakMap or a symbol property).
// This one is written out rather than made by privateStamp(): it runs at every
// await, and a class at module level is what V8 inlines best.
import type { Awaitable } from "./kernel.js";

class Identity {
  constructor(o: object) {
    return o;
  }
}

class AwaitableStamp extends Identity {
  #awaitable: Awaitable;

  constructor(o: object, aw: Awaitable) {
    super(o);
    this.#awaitable = aw;
  }

  static get(o: object): Awaitable | undefined {
    return #awaitable in o ? o.#awaitable : undefined;
  }

  static set(o: object, aw: Awaitable): void {
    if (#awaitable in o) o.#awaitable = aw;
    else new AwaitableStamp(o, aw);
  }
}

/** The engine awaitable stamped on `o`, if any (hot path of every await). */
export const awaitableOf: (o: object) => Awaitable | undefined = AwaitableStamp.get;

export const awaitables = {
  get: AwaitableStamp.get,
  has: (o: object): boolean => AwaitableStamp.get(o) !== undefined,
  set: AwaitableStamp.set,
};
