// The steps several operations share, prepared once per database.
import type { Preparer } from "./prepare-on-use.js";
import { prepareCancelCall, type CancelCall, type Compensate } from "./cancel-call.js";
import { prepareCancelSubtree, type CancelSubtree } from "./cancel-subtree.js";
import { prepareFinish, type FinishCall, type FinishRunning, type WakeIfReady } from "./finish.js";
import { prepareInsertRow, type InsertRow } from "./insert-rows.js";
import type { CallRow } from "./rows.js";
import type { Finished, ResultData, Store } from "../types.js";

/** A store operation as SQLite runs it: synchronously (the store wraps it in a promise). */
/** The columns a post-run transition needs (no blobs: they are not read, so not copied). */
export type FenceRow = Pick<CallRow, "id" | "root_id" | "parent_id" | "parent_generation" | "correlation_id" | "function" | "generation" | "cancelling">;

export type SyncOp<K extends keyof Store> = Store[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;

export interface Shared {
  readonly finishCall: FinishCall;
  readonly finishRunning: FinishRunning;
  readonly wakeIfReady: WakeIfReady;
  /** Every operation ends with this (and the claim starts with it): see finish.ts. */
  readonly flushDeliveries: () => void;
  /** Every failed operation ends with this, so a rolled-back delivery is never counted later. */
  readonly discardDeliveries: () => void;
  readonly cancelSubtree: CancelSubtree;
  /** Poll or Exit cancel_correlation_ids: those children of the row's current generation are
   * cancelled detached, with compensation (cancel-call.ts), their pending inbox results dropped. */
  readonly cancelChildren: (row: FenceRow, ids: readonly bigint[], result: ResultData, now: number, finished: Finished[]) => void;
  /** Every unfinished child of the call's current coroutine, cancelled detached as above (the
   * call just ended as cancelled). */
  readonly cancelOpenChildren: (id: string, result: ResultData, now: number, finished: Finished[]) => void;
  readonly insertRow: InsertRow;
  /** One call of Store.cancelCalls, with compensation (cancel-call.ts); flush deliveries first. */
  readonly cancelCall: CancelCall;
  /** A suspended call gets a CancelledError per outstanding child and becomes ready. */
  readonly compensate: Compensate;
  /** A running call at this attempt: the fence every post-run transition checks. */
  readonly running: (id: string, attempt: number) => FenceRow | undefined;
  readonly generationOf: (id: string) => number | undefined;
}

export function prepareShared(db: Preparer): Shared {
  const { finishCall, finishRunning, wakeIfReady, flushDeliveries, discardDeliveries } = prepareFinish(db);
  const running = db.prepare<[string, number], FenceRow>(
    `SELECT id, root_id, parent_id, parent_generation, correlation_id, function, generation, cancelling
     FROM calls WHERE id = ? AND status = 'running' AND attempt = ?`,
  );
  const generation = db.prepare<[string], number>("SELECT generation FROM calls WHERE id = ?").pluck();
  const childrenToCancel = db.prepare<[string, number, string], string>(`SELECT id FROM calls
    WHERE parent_id = ? AND parent_generation = ? AND correlation_id IN (SELECT value FROM json_each(?))`).pluck();
  const dropCancelled = db.prepare(
    "DELETE FROM inbox WHERE parent_id = ? AND taken = 0 AND correlation_id IN (SELECT value FROM json_each(?))",
  );
  const uncount = db.prepare("UPDATE calls SET pending = pending - ? WHERE id = ?");
  const openChildren = db.prepare<[string, string], string>(`SELECT id FROM calls WHERE parent_id = ?
    AND parent_generation = (SELECT generation FROM calls WHERE id = ?) AND status NOT IN ('succeeded', 'failed', 'cancelled')`).pluck();
  const cancelSubtree = prepareCancelSubtree(db, finishCall);
  const { cancelCall, compensate } = prepareCancelCall(db, finishCall);
  return {
    finishCall,
    finishRunning,
    wakeIfReady,
    flushDeliveries,
    discardDeliveries,
    cancelSubtree,
    cancelCall,
    compensate,
    cancelChildren: (row, ids, result, now, finished) => {
      if (ids.length === 0) return;
      const cancel = JSON.stringify(ids.map(String));
      // A loser that compensates has its row changed: no delivery cached before may be stale.
      flushDeliveries();
      for (const childId of childrenToCancel.all(row.id, row.generation, cancel)) cancelCall(childId, result, now, false, finished, true);
      uncount.run(dropCancelled.run(row.id, cancel).changes, row.id);
    },
    cancelOpenChildren: (id, result, now, finished) => {
      flushDeliveries();
      for (const childId of openChildren.all(id, id)) cancelCall(childId, result, now, false, finished, true);
    },
    insertRow: prepareInsertRow(db, finishCall),
    running: (id, attempt) => running.get(id, attempt),
    generationOf: (id) => generation.get(id),
  };
}
