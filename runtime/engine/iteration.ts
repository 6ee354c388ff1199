// Loops and array patterns across awaits keep their position as frame data:
// arrays by index (ArrayIterator reads `length` and the element at each step,
// as here), strings by code unit index stepping over surrogate pairs, for-in
// by the key snapshot taken at loop entry (a key deleted before its turn is
// skipped, as natively). Maps and Sets iterated with their built-in iterator
// get a `CollectionCursor` (map-set-cursors.ts), typed arrays an ArrayCursor.
// Other iterables keep their native iterator in an
// `IteratorRecord` (the iterator and its `next` method, read once, as
// GetIterator does), which is not serializable: a durable suspension inside
// such a loop fails with a clear error.
//
// `close` and `closeOnThrow` are IteratorClose: generated code calls them when
// a for-of loop or an array pattern is left before its iterator is done. A
// record is marked done once it is exhausted, once `next` failed (no close
// then, as natively) and once it is closed, so it is never closed twice.
const DONE: unique symbol = Symbol("dispatch-ts.iteration-done") as never;
export { DONE };
import { ArrayKindCursor, CollectionCursor, arrayKindCursor, collectionCursor, stepArrayKind, stepCollection } from "./map-set-cursors.js";
export { ArrayKindCursor, CollectionCursor } from "./map-set-cursors.js";

const arrayIterator = Array.prototype[Symbol.iterator];
const stringIterator = String.prototype[Symbol.iterator];
const typedArrayValues = (Object.getPrototypeOf(Uint8Array.prototype) as { values: unknown }).values;

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

/** A native iterator, its `next` method and whether it still needs closing. */
export class IteratorRecord {
  constructor(
    public iterator: object,
    public next: unknown,
    public done: boolean,
  ) {}
}

export type Cursor = ArrayCursor | StringCursor | KeyCursor | CollectionCursor | ArrayKindCursor | IteratorRecord;

export const isObject = (v: unknown): v is object => (typeof v === "object" && v !== null) || typeof v === "function";

/** GetMethod: undefined for a missing method, a TypeError for one that cannot be called. */
export function getMethod(target: unknown, key: PropertyKey): ((...args: unknown[]) => unknown) | undefined {
  const method = (target as Record<PropertyKey, unknown>)[key];
  if (method === undefined || method === null) return undefined;
  if (typeof method !== "function") throw new TypeError(`${String(method)} is not a function`);
  return method as (...args: unknown[]) => unknown;
}

export function notIterable(value: unknown): TypeError {
  return new TypeError(`${typeof value === "object" && value !== null ? "object" : typeof value === "function" ? "function" : String(value)} is not iterable`);
}

/** GetIterator(value, sync), or a by-index cursor for plain arrays and strings. */
export function iterate(iterable: unknown): Cursor {
  if (Array.isArray(iterable) && (iterable as unknown[])[Symbol.iterator] === arrayIterator) return new ArrayCursor(iterable, 0);
  if (typeof iterable === "string" && String.prototype[Symbol.iterator] === stringIterator) return new StringCursor(iterable, 0);
  if (iterable === null || iterable === undefined) throw notIterable(iterable);
  const method = getMethod(iterable, Symbol.iterator);
  if (method === undefined) throw notIterable(iterable);
  if (method === typedArrayValues && ArrayBuffer.isView(iterable)) return new ArrayCursor(iterable as never, 0);
  return iteratorFrom(iterable, method);
}

/** GetIteratorFromMethod: a cursor for a built-in Map or Set iteration, else the native iterator. */
export function iteratorFrom(target: unknown, method: (...args: unknown[]) => unknown): CollectionCursor | IteratorRecord {
  const it = method.call(target);
  if (!isObject(it)) throw new TypeError("Result of the Symbol.iterator method is not an object");
  const next = (it as { next: unknown }).next;
  return collectionCursor(target, method, it, next) ?? new IteratorRecord(it, next, false);
}

/**
 * `for (x of target.method())` where generated code kept the receiver (an
 * iterator that `map.keys()` returned does not know its map): a cursor
 * when that is keys/values/entries of a Map, a Set or an array (the built-in
 * methods), else GetIterator on what the call returns.
 */
export function iterateCall(target: unknown, method: unknown): Cursor {
  if (typeof method !== "function") throw new TypeError(`${String(method)} is not a function`);
  if (method === arrayIterator && Array.isArray(target)) return new ArrayCursor(target, 0);
  const c = arrayKindCursor(target, method);
  if (c !== undefined) return c;
  const it = (method as (this: unknown) => unknown).call(target);
  if (isObject(it)) {
    const cursor = collectionCursor(target, method, it, (it as { next: unknown }).next);
    if (cursor !== undefined) return cursor;
  }
  return iterate(it);
}

export function forIn(target: unknown): KeyCursor {
  const keys: string[] = [];
  const obj = Object(target ?? {}) as object;
  for (const k in obj) keys.push(k);
  return new KeyCursor(obj, keys, 0);
}

/** The next value, or DONE. */
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
  if (c instanceof CollectionCursor) return stepCollection(c);
  if (c instanceof ArrayKindCursor) return stepArrayKind(c);
  if (c instanceof KeyCursor) {
    while (c.index < c.keys.length) {
      const k = c.keys[c.index++]!;
      if (k in c.target) return k;
    }
    return DONE;
  }
  if (c.done) return DONE;
  // Done until the value is read: a `next` that throws or a bad result is not closed.
  c.done = true;
  const r = (c.next as (this: object) => unknown).call(c.iterator);
  if (!isObject(r)) throw new TypeError(`Iterator result ${String(r)} is not an object`);
  if ((r as IteratorResult<unknown>).done) return DONE;
  const value = (r as IteratorResult<unknown>).value;
  c.done = false;
  return value;
}

/** An element of an array pattern: undefined once the iterator is done. */
export function stepValue(c: Cursor): unknown {
  const v = step(c);
  return v === DONE ? undefined : v;
}

/** The rest element of an array pattern: every remaining value. */
export function restOf(c: Cursor): unknown[] {
  const out: unknown[] = [];
  for (let v = step(c); v !== DONE; v = step(c)) out.push(v);
  return out;
}

/** IteratorClose for a normal (or break, continue, return) completion: errors of `return()` propagate. */
export function close(c: Cursor): void {
  if (!(c instanceof IteratorRecord) || c.done) return;
  c.done = true;
  const ret = getMethod(c.iterator, "return");
  if (ret === undefined) return;
  const r = ret.call(c.iterator);
  if (!isObject(r)) throw new TypeError(`Iterator result ${String(r)} is not an object`);
}

/** IteratorClose for a throw completion: `return()` is called, its errors are dropped, the error is rethrown. */
export function closeOnThrow(c: Cursor, error: unknown): never {
  closeQuietly(c);
  throw error;
}

/** The finally of a for-of loop: closes for the pending completion (`$cN`; a throw is type 2). */
export function closeFor(c: Cursor, completion: readonly [number, unknown] | undefined): void {
  if (completion !== undefined && completion[0] === 2) closeQuietly(c);
  else close(c);
}

function closeQuietly(c: Cursor): void {
  if (!(c instanceof IteratorRecord) || c.done) return;
  c.done = true;
  try {
    getMethod(c.iterator, "return")?.call(c.iterator);
  } catch {
    // The pending error wins, as natively.
  }
}
