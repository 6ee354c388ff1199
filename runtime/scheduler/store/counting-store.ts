// A Store wrapper that counts operations, for tests and benchmarks ("store writes per call").
// It wraps from outside, as batching and retry would, so no store has to count for itself.
import type { Store } from "./types.js";

/** Operations that change the store; each is one transaction. */
export const WRITE_OPERATIONS = [
  "insertCalls",
  "claimRunnable",
  "completeCalls",
  "recordPolls",
  "rescheduleCalls",
  "writeOutcomes",
  "cancelCalls",
  "sendEvent",
  "requeueRunning",
  "deleteFinished",
  "deleteEvents",
] as const satisfies readonly (keyof Store)[];

export interface CountingStore extends Store {
  /** Calls per operation since creation or the last reset. */
  readonly counts: Readonly<Record<keyof Store, number>>;
  /** Write operations (transactions) in all. */
  writes(): number;
  reset(): void;
}

export function countingStore(inner: Store): CountingStore {
  const counts = {} as Record<keyof Store, number>;
  const names = Object.keys(inner) as (keyof Store)[];
  const reset = () => {
    for (const name of names) counts[name] = 0;
  };
  reset();
  const wrapped = {} as Record<keyof Store, unknown>;
  for (const name of names) {
    const fn = inner[name] as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) => {
      counts[name]++;
      return fn(...args);
    };
  }
  const writes = () => WRITE_OPERATIONS.reduce((sum, name) => sum + counts[name], 0);
  return { ...(wrapped as unknown as Store), counts, writes, reset };
}
