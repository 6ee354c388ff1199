// Engine-owned things a frame may await (helper promises, durable calls,
// directives and their promises), found by identity through a private-field
// stamp: a WeakMap costs an ephemeron per entry to collect, a symbol property is visible to
// Reflect.ownKeys (docs/BENCHMARKS.md). The check runs at every await of an object, and a
// class at module level is what V8 inlines best.
import type { Awaitable } from "./kernel.js";

// Returns its argument, so the stamp's field lands on it; derived and never reaching `super()`,
// so that no receiver is allocated and thrown away per stamp (see closures.ts).
class Nothing {}
class Identity extends Nothing {
  constructor(o: object) {
    if (o !== null) return o;
    super();
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

  // No brand check first (10-15 ns in V8 11): defining the field again would throw, so a wrong use is loud.
  static stampNew(o: object, aw: Awaitable): void {
    new AwaitableStamp(o, aw);
  }
}

/** The engine awaitable stamped on `o`, if any (hot path of every await). */
export const awaitableOf: (o: object) => Awaitable | undefined = AwaitableStamp.get;

export const awaitables = {
  get: AwaitableStamp.get,
  has: (o: object): boolean => AwaitableStamp.get(o) !== undefined,
  set: AwaitableStamp.set,
  /** `set` for an object never stamped before (a promise just made by an async function). */
  setNew: AwaitableStamp.stampNew,
};
