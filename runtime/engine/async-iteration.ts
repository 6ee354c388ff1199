// `for await` across awaits. Generated code keeps the loop as frame data and
// awaits each `next()` result itself (a resume point like any await), so the
// pieces here are the synchronous steps of the async iteration protocol:
// GetIterator(obj, async) falling back to the sync iterator (the
// CreateAsyncFromSyncIterator wrapper is emulated with native promises, tick
// for tick), the check of each result, and AsyncIteratorClose on an early
// exit, whose promise generated code awaits too.
//
// A sync iterable's position is kept in a sync cursor, so that `for await`
// over an array stays plain data; `done` is true while no close is owed (a
// failing `next()` or a rejected step is not closed, as natively).
// Node 20's engine does not close the sync iterator when a value it yields
// rejects (a later edition of the specification does); neither does this.
import { DONE, IteratorRecord, getMethod, isObject, iterate, step, type Cursor } from "./iteration.js";
import { registerValue } from "./runtime-refs.js";

/** An async iterator (or a sync cursor it wraps), its `next` method, and whether a close is owed. */
export class AsyncIteratorRecord {
  constructor(
    public iterator: object | undefined,
    public next: unknown,
    public sync: Cursor | undefined,
    public done: boolean,
  ) {}
}
registerValue("dispatch-ts:AsyncIteratorRecord", AsyncIteratorRecord);
// The sync record too (iteration.ts cannot import runtime-refs, which imports it): state that
// holds one then fails on the native iterator inside, with the codec's message for iterators.
registerValue("dispatch-ts:IteratorRecord", IteratorRecord);
// The end marker can be left in a loop's temporaries when a suspension follows.
registerValue("dispatch-ts:DONE", DONE);

const then = Promise.prototype.then;
const promiseResolve = Promise.resolve;
const promiseReject = Promise.reject;
const resolved = (v: unknown): Promise<unknown> => promiseResolve.call(Promise, v) as Promise<unknown>;
const rejected = (e: unknown): Promise<never> => promiseReject.call(Promise, e) as Promise<never>;

/** GetIterator(obj, async). */
export function asyncIterate(obj: unknown): AsyncIteratorRecord {
  if (obj === null || obj === undefined) throw new TypeError(`${String(obj)} is not async iterable`);
  const method = getMethod(obj, Symbol.asyncIterator);
  if (method === undefined) {
    if (getMethod(obj, Symbol.iterator) === undefined) throw new TypeError(`${typeof obj === "object" ? "object" : String(obj)} is not async iterable`);
    return new AsyncIteratorRecord(undefined, undefined, iterate(obj), false);
  }
  const it = method.call(obj);
  if (!isObject(it)) throw new TypeError("Result of the Symbol.asyncIterator method is not an object");
  return new AsyncIteratorRecord(it, (it as { next: unknown }).next, undefined, false);
}

/** Calls `next()`; generated code awaits what it returns. */
export function asyncNext(r: AsyncIteratorRecord): unknown {
  r.done = true;
  if (r.sync !== undefined) return fromSyncNext(r.sync);
  return (r.next as (this: object) => unknown).call(r.iterator!);
}

/** The awaited result of `next()`: its value, or DONE. */
export function asyncStep(r: AsyncIteratorRecord, result: unknown): unknown {
  if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
  if ((result as IteratorResult<unknown>).done) return DONE;
  const value = (result as IteratorResult<unknown>).value;
  r.done = false;
  return value;
}

/**
 * AsyncIteratorClose, first half: calls `return()` for the pending completion
 * (`$cN`; a throw is type 2, whose errors from `return()` are dropped) and
 * returns what to await, or DONE when nothing is awaited.
 */
export function asyncReturn(r: AsyncIteratorRecord, completion: readonly [number, unknown] | undefined): unknown {
  if (r.done) return DONE;
  r.done = true;
  if (r.sync !== undefined) return fromSyncReturn(r.sync);
  try {
    const ret = getMethod(r.iterator, "return");
    return ret === undefined ? DONE : ret.call(r.iterator);
  } catch (e) {
    if (isThrow(completion)) return DONE;
    throw e;
  }
}

/** AsyncIteratorClose, second half: the awaited result of `return()` must be an object. */
export function asyncReturned(result: unknown, completion: readonly [number, unknown] | undefined): void {
  if (!isThrow(completion) && !isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
}

/** The awaited `return()` rejected: dropped under a pending throw, else it replaces the completion. */
export function asyncReturnRejected(error: unknown, completion: readonly [number, unknown] | undefined): void {
  if (!isThrow(completion)) throw error;
}

const isThrow = (c: readonly [number, unknown] | undefined): boolean => c !== undefined && c[0] === 2;

// %AsyncFromSyncIteratorPrototype%.next: one sync step, its value resolved as a promise.
function fromSyncNext(c: Cursor): Promise<unknown> {
  let done: boolean;
  let value: unknown;
  try {
    if (c instanceof IteratorRecord) {
      // Read here rather than through `step`, which drops the value a finished iterator returns.
      c.done = true;
      const result = (c.next as (this: object) => unknown).call(c.iterator);
      if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
      done = Boolean((result as IteratorResult<unknown>).done);
      value = (result as IteratorResult<unknown>).value;
      c.done = done;
    } else {
      const v = step(c);
      done = v === DONE;
      value = done ? undefined : v;
    }
  } catch (e) {
    return rejected(e);
  }
  return continuation(done, value);
}

// %AsyncFromSyncIteratorPrototype%.return: the sync iterator's return(), or a finished result.
function fromSyncReturn(c: Cursor): Promise<unknown> {
  if (!(c instanceof IteratorRecord)) return resolved({ value: undefined, done: true });
  let result: unknown;
  try {
    const ret = getMethod(c.iterator, "return");
    if (ret === undefined) return resolved({ value: undefined, done: true });
    result = ret.call(c.iterator);
  } catch (e) {
    return rejected(e);
  }
  if (!isObject(result)) return rejected(new TypeError(`Iterator result ${String(result)} is not an object`));
  let done: boolean;
  let value: unknown;
  try {
    done = Boolean((result as IteratorResult<unknown>).done);
    value = (result as IteratorResult<unknown>).value;
  } catch (e) {
    return rejected(e);
  }
  return continuation(done, value);
}

// AsyncFromSyncIteratorContinuation: one reaction on the resolved value, as natively.
function continuation(done: boolean, value: unknown): Promise<unknown> {
  let wrapper: Promise<unknown>;
  try {
    wrapper = resolved(value);
  } catch (e) {
    return rejected(e);
  }
  return then.call(wrapper, (v: unknown) => ({ value: v, done })) as Promise<unknown>;
}
