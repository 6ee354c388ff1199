// Finishing a call, the step every store operation shares (see the memory store's finish.ts for
// the rule): the call becomes terminal and its result goes to the parent's inbox if the parent
// still waits on it; a waiting parent with min_results results becomes ready at once.
import type { Database } from "better-sqlite3";
import { pollReadyAt } from "../../poll-accounting.js";
import type { Finished, ResultData } from "../types.js";
import { isTerminal } from "../types.js";
import type { CallRow } from "./rows.js";

export type FinishCall = (
  row: Pick<CallRow, "id" | "root_id" | "parent_id" | "parent_generation" | "correlation_id" | "function">,
  status: Finished["status"],
  result: ResultData,
  now: number,
  deliver?: boolean,
) => Finished;

export type WakeIfReady = (id: string, minResults: number, readyAt: number | null, now: number) => void;

export function prepareFinish(db: Database): { finishCall: FinishCall; wakeIfReady: WakeIfReady } {
  const setFinished = db.prepare(
    "UPDATE calls SET status = ?, ready_at = NULL, output = ?, error = ?, finished_at = ?, state = NULL, pending = 0 WHERE id = ?",
  );
  const dropInbox = db.prepare("DELETE FROM inbox WHERE parent_id = ?");
  const parentOf = db.prepare<[string], Pick<CallRow, "status" | "generation" | "min_results" | "ready_at">>(
    "SELECT status, generation, min_results, ready_at FROM calls WHERE id = ?",
  );
  const addInbox = db.prepare(
    "INSERT INTO inbox (parent_id, child_id, correlation_id, output, error) VALUES (?, ?, ?, ?, ?)",
  );
  const countPending = db.prepare("UPDATE calls SET pending = pending + 1 WHERE id = ?");
  const pending = db.prepare<[string], number>("SELECT pending FROM calls WHERE id = ?").pluck();
  const setReady = db.prepare("UPDATE calls SET ready_at = ? WHERE id = ?");

  const wakeIfReady: WakeIfReady = (id, minResults, readyAt, now) => {
    const next = pollReadyAt({ pending: pending.get(id)!, minResults, readyAt: readyAt ?? undefined, now });
    if (next !== (readyAt ?? undefined)) setReady.run(next, id);
  };

  const finishCall: FinishCall = (row, status, result, now, deliver = true) => {
    setFinished.run(status, result.output, result.error, now, row.id);
    dropInbox.run(row.id);
    let delivered = false;
    if (deliver && row.parent_id !== null) {
      const parent = parentOf.get(row.parent_id);
      if (parent && !isTerminal(parent.status) && parent.generation === row.parent_generation) {
        addInbox.run(row.parent_id, row.id, row.correlation_id, result.output, result.error);
        countPending.run(row.parent_id);
        if (parent.status === "waiting") wakeIfReady(row.parent_id, parent.min_results, parent.ready_at, now);
        delivered = true;
      }
    }
    return {
      id: row.id,
      rootId: row.root_id,
      function: row.function,
      status,
      result,
      delivered,
      ...(row.parent_id !== null ? { parentId: row.parent_id } : {}),
    };
  };

  return { finishCall, wakeIfReady };
}
