// A Store wrapper that turns the post-run writes issued in the same microtask turn into one call
// of the list operation (one transaction), as graphile-worker batches completeJobs. A fan-out of
// n calls that finish together then costs a few transactions instead of n. Nothing waits for a
// batch to fill: a lone write goes out at the end of the turn it was made in.
//
// Each caller gets its own items' `applied` flags and the finished calls that stem from its items
// (the call itself, and the cancelled or matched calls below it), so events keep their order.
import type { Finished, Outcome, Store } from "./types.js";

type ListOp = "completeCalls" | "recordPolls" | "rescheduleCalls";
type Item<K extends ListOp> = Parameters<Store[K]>[0][number];

interface Pending<K extends ListOp> {
  readonly items: Item<K>[];
  readonly callers: { readonly from: number; readonly count: number; resolve(o: Outcome): void; reject(e: unknown): void }[];
  now: number;
}

/** Splits a batch's finished calls among the items that caused them (parents come first). */
function attribute(ids: readonly string[], finished: readonly Finished[]): Finished[][] {
  const owner = new Map<string, number>(ids.map((id, i) => [id, i]));
  const out: Finished[][] = ids.map(() => []);
  for (const f of finished) {
    const i = owner.get(f.id) ?? (f.parentId !== undefined ? owner.get(f.parentId) : undefined) ?? 0;
    owner.set(f.id, i);
    out[i]!.push(f);
  }
  return out;
}

export function batchingStore(inner: Store): Store {
  const batcher = <K extends ListOp>(op: K) => {
    let pending: Pending<K> | undefined;
    const flush = async (batch: Pending<K>) => {
      try {
        const run = inner[op] as unknown as (items: Item<K>[], now: number) => Promise<Outcome>;
        const outcome = await run(batch.items, batch.now);
        const byItem = attribute(batch.items.map((item) => item.id), outcome.finished);
        for (const c of batch.callers) {
          const mine = byItem.slice(c.from, c.from + c.count).flat();
          c.resolve({ applied: outcome.applied.slice(c.from, c.from + c.count), finished: mine });
        }
      } catch (error) {
        for (const c of batch.callers) c.reject(error);
      }
    };
    return (items: readonly Item<K>[], now: number): Promise<Outcome> =>
      new Promise((resolve, reject) => {
        if (!pending) {
          const batch: Pending<K> = { items: [], callers: [], now };
          pending = batch;
          queueMicrotask(() => {
            pending = undefined;
            void flush(batch);
          });
        }
        pending.callers.push({ from: pending.items.length, count: items.length, resolve, reject });
        pending.items.push(...items);
        // The latest time: every item was decided by then.
        pending.now = Math.max(pending.now, now);
      });
  };
  return {
    ...inner,
    completeCalls: batcher("completeCalls"),
    recordPolls: batcher("recordPolls"),
    rescheduleCalls: batcher("rescheduleCalls"),
  };
}
