// Runs compiled fixtures in a child process through the differential
// harness's own runner (test/support/run-fixtures-mode.mjs), so records have
// exactly the shape the differential test compares, and a mutant that hangs
// or crashes the engine cannot take the test process down with it.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../../..");

import type { RunRecord } from "../../differential/run-record.js";
export type { RunRecord };

/** Records by fixture name; a fixture the runner never reached maps to an error record. */
export function runFixtures(dir: string, names: readonly string[], env: Record<string, string>): Promise<Map<string, RunRecord>> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, "test/support/run-fixtures-mode.mjs"), dir, ...names], {
      cwd: ROOT,
      // Only the variables of the mode under test: none leak in from the outer shell.
      env: { ...process.env, DISPATCH_NATIVE: "", DISPATCH_SUSPEND_EVERY_AWAIT: "", DISPATCH_MUTANT: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", fail);
    child.on("close", () => {
      const records = new Map<string, RunRecord>();
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        const r = JSON.parse(line) as RunRecord;
        records.set(r.fixture, r);
      }
      for (const n of names) if (!records.has(n)) records.set(n, { fixture: n, error: `the runner died before this fixture: ${err.slice(-2000)}` });
      done(records);
    });
  });
}

/** What must agree between two runs of one fixture (the differential test's comparison). */
export function comparable(r: RunRecord | undefined): string {
  if (r === undefined) return "no record";
  if (r.error) return JSON.stringify({ error: r.error.split("\n")[0] });
  return JSON.stringify({ events: r.events, settledAt: r.settledAt, outcome: r.outcome, unhandled: r.unhandled });
}

/** Runs `jobs` with at most `limit` at a time (one child process per job). */
export async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
