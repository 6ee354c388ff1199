// Statements whose LIMIT is written into the SQL instead of bound. SQLite's planner looks at the
// value bound to `LIMIT ?`, so every new binding marks the statement for recompilation: a claim's
// due-calls query cost 45-120 us instead of 3-10 us, most of it compiling. The limit is rounded
// up to a power of two, so a handful of statements cover every limit; callers take the first
// `limit` rows of what comes back.
import type { Statement } from "better-sqlite3";
import type { Preparer } from "./prepare-on-use.js";

/** `sql` ends where the LIMIT clause goes; `limit` is a positive integer. `raw`: rows as arrays. */
export function literalLimit<P extends unknown[], R>(db: Preparer, sql: string, raw = false): (limit: number) => Statement<P, R> {
  const byLimit = new Map<number, Statement<P, R>>();
  return (limit) => {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`cannot query with LIMIT ${limit}: not a positive integer`);
    const rounded = 2 ** Math.ceil(Math.log2(limit));
    let statement = byLimit.get(rounded);
    if (!statement) {
      statement = db.prepare<P, R>(`${sql} LIMIT ${rounded}`);
      if (raw) statement.raw(true);
      byLimit.set(rounded, statement);
    }
    return statement;
  };
}
