// Engine-owned things a frame may await (helper promises, durable calls,
// directives and their promises), found by identity. The link is a private
// class field stamped on the object: looking it up (`#awaitable in o`) never
// runs a Proxy trap or a getter, which a native await never would, and unlike
// a WeakMap entry it costs the garbage collector nothing special (a WeakMap
// made every helper call ~20x slower).
import type { Awaitable } from "./kernel.js";

class Identity {
  constructor(o: object) {
    return o;
  }
}

class Stamp extends Identity {
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
    else new Stamp(o, aw);
  }
}

/** The engine awaitable stamped on `o`, if any (hot path of every await). */
export const awaitableOf: (o: object) => Awaitable | undefined = Stamp.get;

export const awaitables = {
  get: (o: object): Awaitable | undefined => Stamp.get(o),
  has: (o: object): boolean => Stamp.get(o) !== undefined,
  set: (o: object, aw: Awaitable): void => Stamp.set(o, aw),
};
