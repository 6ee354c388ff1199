// A kill -9 inside the file store's commit window: the outcomes of runs are committed in groups
// (store/sqlite/sqlite-store.ts), so a process that dies loses those of its last, uncommitted
// window. The child commits once, after a few steps, then is killed while more steps finish
// (its window is far longer than the test). The file then holds exactly the steps finished before
// the commit; a new scheduler runs each lost step once more, never a recorded one, and every
// chain completes with one call and one result per step.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decodeAny } from "../../runtime/scheduler/any-bytes.js";
import { createScheduler } from "../../runtime/scheduler/scheduler.js";
import { openSqliteStore } from "../../runtime/scheduler/store/sqlite/index.js";
import { show, unpack } from "./protocol.js";
import { spawnWorker } from "./spawn-worker.js";
import { expectedHistory, STEPS, windowInvoker } from "./window-functions.js";

const WORKFLOWS = 8;
const COMMIT_AFTER = 8;
const KILL_AFTER = 20;

interface KilledRun {
  ids: string[];
  /** Steps finished before the commit, and after it (until the kill). */
  before: string[];
  after: string[];
  /** Every step the killed process finished. */
  all: string[];
}

function runAndKill(folder: string): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const run: KilledRun = { ids: [], before: [], after: [], all: [] };
    let stage: "before" | "committing" | "after" = "before";
    const child = spawnWorker("window-worker.ts", [folder, String(WORKFLOWS), String(COMMIT_AFTER)], (line) => {
      if (line.startsWith("ids ")) run.ids = line.slice(4).split(",");
      if (line === "committing") stage = "committing";
      if (line === "committed") stage = "after";
      if (!line.startsWith("done ")) return;
      const key = line.slice(5);
      run.all.push(key);
      if (stage === "before") run.before.push(key);
      if (stage === "after") run.after.push(key);
      if (run.after.length === KILL_AFTER - COMMIT_AFTER) child.kill("SIGKILL");
    });
    child.once("exit", (code, signal) => {
      if (signal === "SIGKILL" && run.ids.length === WORKFLOWS) resolve(run);
      else reject(new Error(`cannot kill the worker in its window: it exited with ${code ?? signal} after ${run.before.length + run.after.length} steps`));
    });
  });
}

describe("file store: kill -9 inside the commit window", () => {
  let folder = "";
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("runs the lost steps once more, never a committed one, and records every result once", async () => {
    folder = mkdtempSync(join(tmpdir(), "dispatch-window-"));
    const killed = await runAndKill(folder);
    expect(killed.before).toHaveLength(COMMIT_AFTER);
    expect(killed.after.length).toBeGreaterThanOrEqual(KILL_AFTER - COMMIT_AFTER);

    const store = await openSqliteStore({ folder });
    const stepKey = (input: Uint8Array) => unpack(decodeAny(input)) as string;
    const inFile = await store.listCalls({ rootsOnly: false, limit: 10_000 });
    const recorded = new Set(inFile.filter((c) => c.function === "step" && c.status === "succeeded").map((c) => stepKey(c.input)));
    // The file holds what was committed: every step finished before the commit, none after it.
    for (const key of killed.before) expect(recorded.has(key), `step ${key}, finished before the commit`).toBe(true);
    for (const key of killed.after) expect(recorded.has(key), `step ${key}, finished after the commit`).toBe(false);
    const lost = killed.all.filter((key) => !recorded.has(key));

    const ledger = join(folder, "ledger.txt");
    const scheduler = await createScheduler({ store, invoker: windowInvoker(ledger, 2) });
    try {
      const results = await Promise.all(killed.ids.map((id) => scheduler.result(id)));
      for (const [w, result] of results.entries()) expect(show(result), `chain ${w}`).toEqual(expectedHistory(w));
      // One call and one result per step: nothing recorded twice, the lost window included.
      const calls = await store.listCalls({ rootsOnly: false, limit: 10_000 });
      const steps = calls.filter((c) => c.function === "step");
      expect(steps.map((c) => c.status).every((s) => s === "succeeded")).toBe(true);
      expect(steps.map((c) => stepKey(c.input)).sort()).toEqual(killed.ids.flatMap((_, w) => expectedHistory(w).map((h) => h.split(" ")[0]!)).sort());
      expect(steps).toHaveLength(WORKFLOWS * STEPS);
    } finally {
      await scheduler.close();
      await store.close();
    }

    // The ledger: a recorded step never ran again; each step finished in the lost window ran
    // exactly once more.
    const runs = readFileSync(ledger, "utf8").trim().split("\n").map((line) => line.split(" ") as [string, string]);
    const again = runs.filter(([run]) => run === "2").map(([, key]) => key);
    expect(again.filter((key) => recorded.has(key))).toEqual([]);
    for (const key of lost) expect(again.filter((k) => k === key), `step ${key} of the lost window`).toHaveLength(1);
    const count = new Map<string, number>();
    for (const [run, key] of runs) if (run === "2") count.set(key, (count.get(key) ?? 0) + 1);
    expect([...count.values()].every((n) => n === 1), "no step ran twice after the restart").toBe(true);
    console.log(`commit window: killed after ${killed.all.length} steps, ${killed.all.length - lost.length} of them committed; ${lost.length} ran again`);
  });
});
