// Finishing a call, the step every store operation shares (see the memory store's finish.ts for
// the rule): the call becomes terminal and its result goes to the parent's inbox if the parent
// still waits on it; a waiting parent with min_results results becomes ready at once.
//
// A parent's count of undelivered results is updated once per operation, not once per delivery:
// `pending = pending + 1` rewrites the parent's whole row, state included (41.7 KB for a fan-out
// of 2,000 calls), so a batch of 64 completions paid for 64 rewrites of it. Deliveries are summed
// per parent and applied by flushDeliveries, which every operation runs before it reads a pending
// count or a ready time and before it ends. The count comes back from the same UPDATE (RETURNING),
// and the same UPDATE makes a waiting parent ready, so flushing a parent's deliveries is one statement.
import type { Preparer } from "./prepare-on-use.js";
import { pollReadyAt } from "../../poll-accounting.js";
import type { Finished, ResultData } from "../types.js";
import { isDetached } from "./cancel-state.js";
import type { CallRow } from "./rows.js";

type FinishRow = Pick<CallRow, "id" | "root_id" | "parent_id" | "parent_generation" | "correlation_id" | "function"> & {
  /** Unset for rows that cannot be being cancelled (new calls, event waiters). */
  readonly cancelling?: number;
};

export type FinishCall = (row: FinishRow, status: Finished["status"], result: ResultData, now: number, deliver?: boolean) => Finished;

/** Finishes a call if it is running at this attempt (the post-run fence): one statement. */
export type FinishRunning = (
  id: string,
  attempt: number,
  status: "succeeded" | "failed",
  result: ResultData,
  now: number,
  /** Recorded instead, as "cancelled", when the call is being cancelled. */
  cancelled?: ResultData,
) => Finished | undefined;

/** `pending`: the call's count of untaken results when the caller just read it (an UPDATE ...
 * RETURNING), which saves reading it again; deliveries counted since are added. */
export type WakeIfReady = (id: string, minResults: number, readyAt: number | null, now: number, pending?: number) => void;

export interface Finish {
  readonly finishCall: FinishCall;
  readonly finishRunning: FinishRunning;
  readonly wakeIfReady: WakeIfReady;
  /** Applies the deliveries counted so far (pending counts, parents made ready). */
  readonly flushDeliveries: () => void;
  /** Forgets them: the transaction that made them rolled back. */
  readonly discardDeliveries: () => void;
}

export function prepareFinish(db: Preparer): Finish {
  const setFinished = db.prepare(
    "UPDATE calls SET status = ?, ready_at = NULL, output = ?, error = ?, finished_at = ?, state = NULL, pending = 0, cancelling = 0 WHERE id = ?",
  );
  // This update leaves `cancelling` alone, so RETURNING gives it as it was; a call being
  // cancelled is then rewritten as cancelled (setFinished clears it).
  const finishIfRunning = db.prepare<[string, Uint8Array | undefined, Uint8Array | undefined, number, string, number], FinishRow & { step: number; cancelling: number }>(
    `UPDATE calls SET status = ?, ready_at = NULL, output = ?, error = ?, finished_at = ?, state = NULL, pending = 0
     WHERE id = ? AND status = 'running' AND attempt = ?
     RETURNING id, root_id, parent_id, parent_generation, correlation_id, function, step, cancelling`,
  );
  const dropInbox = db.prepare("DELETE FROM inbox WHERE parent_id = ?");
  // A result goes to the parent's inbox if the parent still waits on this child: not finished,
  // the child's generation, and not compensating (phase bits of `cancelling`, cancel-state.ts) when
  // the child was being cancelled (such a parent got a CancelledError for it already). One statement: the parent's row is read by it.
  const deliverIfAwaited = db.prepare<[string, string, string, Uint8Array | undefined, Uint8Array | undefined, string, number, number]>(
    `INSERT INTO inbox (parent_id, seq, child_id, correlation_id, output, error)
     SELECT id, (SELECT coalesce(max(seq), 0) + 1 FROM inbox WHERE parent_id = ?), ?, ?, ?, ?
     FROM calls WHERE id = ? AND status NOT IN ('succeeded', 'failed', 'cancelled') AND generation = ? AND (? = 0 OR (cancelling & 3) != 2)`,
  );
  // Counts a parent's deliveries and, if it waits, makes it ready once min_results results are in:
  // pollReadyAt (poll-accounting.ts) in SQL, so that the parent's row is written once, not twice
  // (pending is the count before this update in SET, after it in RETURNING).
  const countPending = db.prepare<[number, number, number, number, string], number>(
    `UPDATE calls SET pending = pending + ?,
       ready_at = CASE WHEN status = 'waiting' AND pending + ? >= min_results THEN min(coalesce(ready_at, ?), ?) ELSE ready_at END
     WHERE id = ? RETURNING pending`,
  ).pluck();
  const pending = db.prepare<[string], number>("SELECT pending FROM calls WHERE id = ?").pluck();
  const setReady = db.prepare("UPDATE calls SET ready_at = ? WHERE id = ?");

  /** Parents with deliveries not yet counted. */
  const deliveries = new Map<string, { count: number; now: number }>();

  const setReadyFor = (id: string, count: number, minResults: number, readyAt: number | null, now: number) => {
    const next = pollReadyAt({ pending: count, minResults, readyAt: readyAt ?? undefined, now });
    if (next !== (readyAt ?? undefined)) setReady.run(next, id);
  };

  const wakeIfReady: WakeIfReady = (id, minResults, readyAt, now, known) => {
    const count = flushOne(id) ?? known ?? pending.get(id)!;
    setReadyFor(id, count, minResults, readyAt, now);
  };

  /** Applies the deliveries counted for `id`; its new count of untaken results, if there were any. */
  const flushOne = (id: string): number | undefined => {
    const d = deliveries.get(id);
    if (!d) return undefined;
    deliveries.delete(id);
    return countPending.get(d.count, d.count, d.now, d.now, id)!;
  };

  const flushDeliveries = () => {
    for (const id of [...deliveries.keys()]) flushOne(id);
  };

  const deliver = (row: FinishRow, result: ResultData, now: number): boolean => {
    if (row.parent_id === null) return false;
    // A parent that cancelled this child itself (detached) no longer waits on it.
    const cancelling = row.cancelling ?? 0;
    if (isDetached(cancelling)) return false;
    const parentId = row.parent_id;
    if (deliverIfAwaited.run(parentId, row.id, row.correlation_id, result.output, result.error, parentId, row.parent_generation, cancelling !== 0 ? 1 : 0).changes === 0) return false;
    const counted = deliveries.get(parentId);
    if (counted) {
      counted.count++;
      counted.now = Math.max(counted.now, now);
    } else {
      deliveries.set(parentId, { count: 1, now });
    }
    return true;
  };

  const finished = (row: FinishRow, status: Finished["status"], result: ResultData, delivered: boolean): Finished => ({
    id: row.id,
    rootId: row.root_id,
    function: row.function,
    status,
    result,
    delivered,
    ...(row.parent_id !== null ? { parentId: row.parent_id } : {}),
  });

  const finishCall: FinishCall = (row, status, result, now, shouldDeliver = true) => {
    // A call finishing with deliveries of its own not yet counted: count them first, while it
    // still waits (its finished row keeps a count of 0).
    flushOne(row.id);
    setFinished.run(status, result.output, result.error, now, row.id);
    dropInbox.run(row.id);
    return finished(row, status, result, shouldDeliver && deliver(row, result, now));
  };

  const finishRunning: FinishRunning = (id, attempt, status, result, now, cancelled) => {
    flushOne(id);
    const row = finishIfRunning.get(status, result.output, result.error, now, id, attempt);
    if (!row) return undefined;
    if (row.cancelling !== 0 && cancelled) {
      // Being cancelled: it ends cancelled, whatever its compensation returned (rare: a second write).
      setFinished.run("cancelled", cancelled.output, cancelled.error, now, row.id);
      if (row.step > 0) dropInbox.run(row.id);
      return finished(row, "cancelled", cancelled, deliver(row, cancelled, now));
    }
    // A call that never polled (step 0 of its coroutine) has no children, so no inbox.
    if (row.step > 0) dropInbox.run(row.id);
    return finished(row, status, result, deliver(row, result, now));
  };

  return { finishCall, finishRunning, wakeIfReady, flushDeliveries, discardDeliveries: () => deliveries.clear() };
}
