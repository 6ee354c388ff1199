// Loops over a Map or a Set (the collection itself, or what its built-in
// keys/values/entries return) and over the keys/entries of an array, as
// serializable cursors.
//
// A native Map or Set iterator is an index into the collection's table in
// insertion order, where a deleted entry leaves a hole, an added entry goes at
// the end, and clear() sends every iterator to the (new) end. Whatever was
// done to the collection, what the iterator has left to visit is therefore a
// suffix of the collection's current order: its position is fully described by
// the number of entries that precede it now (`before`), or by "exhausted".
//
// So while the loop runs in memory the cursor uses the native iterator itself
// (exact semantics, O(1) per step), and only when it is serialized
// (`toDurable`) it measures `before` (the size minus what a drain of the
// iterator yields) and replaces the drained iterator with a fresh one advanced
// `before` times, which has the same suffix left. A decoded collection has the
// same entries in the same order (without holes), so `fromDurable` opens a
// fresh iterator on it and advances it `before` times. Both cost O(size), as
// does encoding or decoding the collection itself.
import { DONE } from "./iteration.js";

const mapProto = Map.prototype;
const setProto = Set.prototype;
/** The built-in methods a cursor iterates with; state records the index. */
export const COLLECTION_METHODS: readonly ((this: unknown) => Iterator<unknown>)[] = [
  mapProto.entries,
  mapProto.keys,
  mapProto.values,
  setProto.values,
  setProto.entries,
] as never;
const mapNext = Object.getPrototypeOf(new Map().entries()).next as (this: object) => IteratorResult<unknown>;
const setNext = Object.getPrototypeOf(new Set().values()).next as (this: object) => IteratorResult<unknown>;
const mapSize = Object.getOwnPropertyDescriptor(mapProto, "size")!.get!;
const setSize = Object.getOwnPropertyDescriptor(setProto, "size")!.get!;
const nextOf = (method: number): ((this: object) => IteratorResult<unknown>) => (method < 3 ? mapNext : setNext);
const sizeOf = (target: object, method: number): number => (method < 3 ? mapSize : setSize).call(target) as number;

/** A fresh native iterator of the collection, past its first `before` entries. */
function open(target: object, method: number, before: number): object {
  const it = COLLECTION_METHODS[method]!.call(target) as object;
  const next = nextOf(method);
  for (let i = 0; i < before && !next.call(it).done; i++);
  return it;
}

/** A loop over a Map or a Set with its built-in iterator; serialized as [collection, method, position]. */
export class CollectionCursor {
  /** The native iterator while in memory; undefined once done, or until the first step after a partial decode. */
  it: object | undefined;
  /** Entries to skip when the iterator is opened lazily. */
  skip = 0;
  constructor(
    public target: Map<unknown, unknown> | Set<unknown>,
    public method: number,
    it: object | undefined,
    public done: boolean,
  ) {
    this.it = it;
  }

  /** How many entries of the collection precede the iterator's position now; -1 once exhausted. */
  position(): number {
    if (this.done) return -1;
    if (this.it === undefined) return this.skip;
    const next = nextOf(this.method);
    let remaining = 0;
    while (!next.call(this.it).done) remaining++;
    const before = sizeOf(this.target, this.method) - remaining;
    this.it = open(this.target, this.method, before);
    return before;
  }

  toDurable(): unknown {
    const before = this.position();
    return [this.target, this.method, before, sizeOf(this.target, this.method)];
  }

  static fromDurable(data: unknown): CollectionCursor {
    const [target, method, before, size] = data as [Map<unknown, unknown> | Set<unknown>, number, number, number];
    if (!Number.isInteger(method) || method < 0 || method >= COLLECTION_METHODS.length || !Number.isInteger(before) || before < -1) {
      throw new TypeError("corrupt collection cursor");
    }
    const c = new CollectionCursor(target, method, undefined, before < 0);
    if (c.done) return c;
    // A collection still being decoded (a cycle through it) is opened at the first step instead.
    if (sizeOf(target, method) === size) c.it = open(target, method, before);
    else c.skip = before;
    return c;
  }
}

export function stepCollection(c: CollectionCursor): unknown {
  if (c.done) return DONE;
  const it = (c.it ??= open(c.target, c.method, c.skip));
  const r = nextOf(c.method).call(it);
  if (r.done) {
    c.done = true;
    c.it = undefined;
    return DONE;
  }
  return r.value;
}

/** A collection cursor for the iterator `it` that `method.call(target)` returned, when that is a built-in Map/Set iteration. */
export function collectionCursor(target: unknown, method: unknown, it: object, next: unknown): CollectionCursor | undefined {
  const k = COLLECTION_METHODS.indexOf(method as never);
  if (k < 0 || next !== nextOf(k)) return undefined;
  return new CollectionCursor(target as Map<unknown, unknown>, k, it, false);
}

const arrayKeys = Array.prototype.keys;
const arrayEntries = Array.prototype.entries;
const arrayIteratorNext = Object.getPrototypeOf([][Symbol.iterator]()).next as unknown;

/** A loop over `array.keys()` (kind 0) or `array.entries()` (kind 1) by index, reading length at each step. */
export class ArrayKindCursor {
  constructor(
    public target: unknown[],
    public index: number,
    public kind: number,
  ) {}
}

export function stepArrayKind(c: ArrayKindCursor): unknown {
  if (c.index >= c.target.length) {
    c.index = Infinity;
    return DONE;
  }
  const i = c.index++;
  return c.kind === 0 ? i : [i, c.target[i]];
}

/** A by-index cursor for `method.call(target)` when that is arr.keys()/arr.entries() of a plain array. */
export function arrayKindCursor(target: unknown, method: unknown): ArrayKindCursor | undefined {
  if (!Array.isArray(target) || (method !== arrayKeys && method !== arrayEntries)) return undefined;
  const it = (method as (this: unknown) => { next: unknown }).call(target);
  if (it.next !== arrayIteratorNext) return undefined;
  return new ArrayKindCursor(target, 0, method === arrayKeys ? 0 : 1);
}
