// claimRunnable: due calls oldest first within each function's capacity, in one transaction.
// Functions without capacity are filtered in SQL. A function that runs out of capacity during a
// round is added to the filter and the query runs again, so rows of a saturated function never
// crowd out others; every full round claims at least one call, so there are at most `limit` rounds.
// A resume takes up to max_results inbox results (oldest first), or keeps the ones its failed
// attempt took.
import type { Preparer } from "./prepare-on-use.js";
import type { Shared, SyncOp } from "./shared.js";
import type { ClaimedCall, ClaimRequest, InboxEntry } from "../types.js";
import { literalLimit } from "./literal-limit.js";
import { claimedRowFromValues, CLAIM_COLUMNS, INBOX_COLUMNS, inboxEntryFromValues, toRecord, type CallRow } from "./rows.js";

interface DueQuery {
  now: number;
  open: number;
  allowed: string;
  excluded: string;
}

export function prepareClaimRunnable(db: Preparer, shared: Shared): SyncOp<"claimRunnable"> {
  // Most claims filter nothing: a plain index range scan, without the json_each subqueries.
  const dueAll = literalLimit<[Pick<DueQuery, "now">], unknown[]>(
    db,
    `SELECT ${CLAIM_COLUMNS} FROM calls WHERE ready_at <= @now ORDER BY ready_at, rowid`,
    true,
  );
  const dueFiltered = literalLimit<[DueQuery], unknown[]>(
    db,
    `SELECT ${CLAIM_COLUMNS} FROM calls
    WHERE ready_at <= @now
      AND (@open = 1 OR function IN (SELECT value FROM json_each(@allowed)))
      AND function NOT IN (SELECT value FROM json_each(@excluded))
    ORDER BY ready_at, rowid`,
    true,
  );
  const claim = db.prepare(
    "UPDATE calls SET status = 'running', ready_at = NULL, attempt = attempt + 1, runs = runs + 1, pending = pending - ? WHERE id = ?",
  );
  // Rows as arrays: a resume of a fan-out reads up to 1,000 of them.
  const taken = db.prepare<[string], unknown[]>(`SELECT ${INBOX_COLUMNS} FROM inbox WHERE parent_id = ? AND taken = 1 ORDER BY seq`).raw(true);
  const pending = literalLimit<[string], unknown[]>(db, `SELECT ${INBOX_COLUMNS} FROM inbox WHERE parent_id = ? AND taken = 0 ORDER BY seq`, true);
  // The batch is the oldest untaken rows, so "untaken up to the last one" is exactly the batch.
  const take = db.prepare("UPDATE inbox SET taken = 1 WHERE parent_id = ? AND taken = 0 AND seq <= ?");

  /** The resume's results, and how many of them were pending until now. */
  const takeBatch = (row: CallRow): [InboxEntry[], number] => {
    // Only an attempt of this resume can have taken results: a poll drops them and starts the
    // resume's attempts at 0, so a first attempt need not look.
    const kept = row.attempt > 0 ? taken.all(row.id) : [];
    if (kept.length > 0) return [kept.map(inboxEntryFromValues), 0];
    if (row.max_results < 1) return [[], 0];
    const batch = pending(row.max_results).all(row.id).slice(0, row.max_results);
    if (batch.length > 0) take.run(row.id, batch[batch.length - 1]![0]);
    return [batch.map(inboxEntryFromValues), batch.length];
  };

  return (request: ClaimRequest): ClaimedCall[] => {
    // Parents whose results came in this transaction are ready only once their deliveries count.
    shared.flushDeliveries();
    const capacityOf = (fn: string) => request.capacity[fn] ?? request.defaultCapacity;
    const listed = Object.keys(request.capacity);
    const excluded = new Set(listed.filter((fn) => capacityOf(fn) <= 0));
    const open = request.defaultCapacity > 0 ? 1 : 0;
    // Only the filtered query reads it, and most claims filter nothing.
    let allowed: string | undefined;
    const used = new Map<string, number>();
    const claimed: ClaimedCall[] = [];
    for (let round = 0; round <= request.limit && claimed.length < request.limit; round++) {
      const wanted = request.limit - claimed.length;
      const due =
        open === 1 && excluded.size === 0
          ? dueAll(wanted).all({ now: request.now })
          : dueFiltered(wanted).all({
              now: request.now,
              open,
              allowed: (allowed ??= JSON.stringify(listed.filter((fn) => capacityOf(fn) > 0))),
              excluded: JSON.stringify([...excluded]),
            });
      // The LIMIT is rounded up (literal-limit.ts): rows past `wanted` are not claimed.
      const rows = due.length > wanted ? due.slice(0, wanted) : due;
      for (const values of rows) {
        const row = claimedRowFromValues(values);
        if (excluded.has(row.function)) continue;
        const count = (used.get(row.function) ?? 0) + 1;
        used.set(row.function, count);
        if (count >= capacityOf(row.function)) excluded.add(row.function);
        const [batch, newlyTaken] = row.state === null ? [[], 0] : takeBatch(row);
        claim.run(newlyTaken, row.id);
        row.attempt += 1;
        row.runs += 1;
        const call = toRecord(row);
        claimed.push({ call, results: batch });
      }
      if (rows.length < wanted) break;
    }
    return claimed;
  };
}
