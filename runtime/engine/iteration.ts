// Loops across awaits keep their position as frame data: arrays by index
// (ArrayIterator reads `length` and the element at each step, as here),
// strings by code unit index stepping over surrogate pairs, for-in by the key
// snapshot taken at loop entry (a key deleted before its turn is skipped, as
// natively). Other iterables keep their native iterator, which is not
// serializable: a durable suspension inside such a loop fails with a clear error.
const DONE: unique symbol = Symbol("dispatch-ts.iteration-done") as never;
export { DONE };

const arrayIterator = Array.prototype[Symbol.iterator];
const stringIterator = String.prototype[Symbol.iterator];

/** A loop over an array by index. Serialized as plain data. */
export class ArrayCursor {
  constructor(
    public target: unknown[],
    public index: number,
  ) {}
}

/** A loop over a string by code unit index. */
export class StringCursor {
  constructor(
    public target: string,
    public index: number,
  ) {}
}

/** A for-in loop over the keys enumerable at its start. */
export class KeyCursor {
  constructor(
    public target: object,
    public keys: string[],
    public index: number,
  ) {}
}

export type Cursor = ArrayCursor | StringCursor | KeyCursor | Iterator<unknown>;

export function iterate(iterable: unknown): Cursor {
  if (Array.isArray(iterable) && (iterable as unknown[])[Symbol.iterator] === arrayIterator) return new ArrayCursor(iterable, 0);
  if (typeof iterable === "string" && String.prototype[Symbol.iterator] === stringIterator) return new StringCursor(iterable, 0);
  if (iterable === null || iterable === undefined) throw new TypeError(`${String(iterable)} is not iterable`);
  const method = (iterable as Iterable<unknown>)[Symbol.iterator];
  if (typeof method !== "function") throw new TypeError(`${typeof iterable === "object" ? "object" : String(iterable)} is not iterable`);
  const it = method.call(iterable) as Iterator<unknown>;
  if (it === null || (typeof it !== "object" && typeof it !== "function")) throw new TypeError("Result of the Symbol.iterator method is not an object");
  return it;
}

export function forIn(target: unknown): KeyCursor {
  const keys: string[] = [];
  const obj = Object(target ?? {}) as object;
  for (const k in obj) keys.push(k);
  return new KeyCursor(obj, keys, 0);
}

export function step(c: Cursor): unknown {
  if (c instanceof ArrayCursor) {
    if (c.index >= c.target.length) {
      c.index = Infinity;
      return DONE;
    }
    return c.target[c.index++];
  }
  if (c instanceof StringCursor) {
    const s = c.target;
    if (c.index >= s.length) return DONE;
    const cp = s.codePointAt(c.index)!;
    const ch = String.fromCodePoint(cp);
    c.index += ch.length;
    return ch;
  }
  if (c instanceof KeyCursor) {
    while (c.index < c.keys.length) {
      const k = c.keys[c.index++]!;
      if (k in c.target) return k;
    }
    return DONE;
  }
  const r = c.next();
  if (r === null || (typeof r !== "object" && typeof r !== "function")) throw new TypeError(`Iterator result ${String(r)} is not an object`);
  return r.done ? DONE : r.value;
}
