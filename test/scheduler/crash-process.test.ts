// A real crash: a child process runs the workload on a SQLite store and is killed with SIGKILL in
// the middle; a new scheduler over the same folder (in this process) finishes everything. Every
// workflow completes once with its full, duplicate-free history; no step was dispatched twice;
// only calls in flight at the kill ran more than once. A third of the workflows race a step against
// a guard that compensates when it loses, so some die while being cancelled: each guard still
// ends cancelled after exactly one undo.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createScheduler } from "../../runtime/scheduler/scheduler.js";
import { openSqliteStore } from "../../runtime/scheduler/store/sqlite/index.js";
import { compensationsDone } from "../../runtime/embedded/compensations-done.js";
import { SLEEP_FUNCTION } from "../../runtime/scheduler/reserved.js";
import { CHAIN_LENGTH, crashInvoker, expectedResult, WORKFLOW_FUNCTIONS } from "./crash-functions.js";
import { show } from "./protocol.js";
import { spawnWorker } from "./spawn-worker.js";

const WORKFLOWS = 40;
const KILL_AFTER_DONE = 60;

/** Starts the worker and kills it once it has finished `killAfter` calls; returns the root ids. */
function runAndKill(folder: string, killAfter: number): Promise<{ ids: string[]; doneBeforeKill: number }> {
  return new Promise((resolve, reject) => {
    let ids: string[] = [];
    let done = 0;
    const child = spawnWorker("crash-worker.ts", [folder, String(WORKFLOWS)], (line) => {
      if (line.startsWith("ids ")) ids = line.slice(4).split(",");
      if (line.startsWith("done ") && ++done === killAfter) child.kill("SIGKILL");
    });
    child.once("exit", (code, signal) => {
      if (signal === "SIGKILL" && ids.length === WORKFLOWS) resolve({ ids, doneBeforeKill: done });
      else reject(new Error(`cannot crash the worker: it exited with ${code ?? signal} after ${done} calls`));
    });
  });
}

describe("scheduler: kill -9 of a process using the SQLite store", () => {
  let folder = "";
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("finishes every workflow exactly once after a SIGKILL mid-run", async () => {
    folder = mkdtempSync(join(tmpdir(), "dispatch-crash-"));
    const { ids, doneBeforeKill } = await runAndKill(folder, KILL_AFTER_DONE);
    const store = await openSqliteStore({ folder });
    // Racers whose loser was still compensating when the process died (seen before restarting).
    const compensating = (await store.listCalls({ cancelling: true, rootsOnly: false, limit: 1000 })).length;
    const scheduler = await createScheduler({ store, invoker: crashInvoker(join(folder, "ledger.txt"), 1) });
    try {
      const results = await Promise.all(ids.map((id) => scheduler.result(id)));
      for (const [i, result] of results.entries()) {
        const fn = WORKFLOW_FUNCTIONS[i % 3]!;
        expect(show(result), `workflow ${i} (${fn})`).toEqual(expectedResult(fn, i));
      }
      for (const id of ids) await compensationsDone(scheduler, store, id);
      // Dispatching the same workflows again (same idempotency keys) returns the same calls.
      const roots = await scheduler.list({ limit: 1000 });
      expect(roots.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(roots.every((r) => r.status === "succeeded")).toBe(true);
      // No step was dispatched twice: exactly 2 children per fan, CHAIN_LENGTH per chain, the step
      // and the guard per racer; each guard, cancelled, undid once (its sleep and one undo).
      for (const [i, id] of ids.entries()) {
        const children = await store.listCalls({ parentId: id, rootsOnly: false, limit: 100 });
        expect(children).toHaveLength([2, CHAIN_LENGTH, 2][i % 3]!);
        if (WORKFLOW_FUNCTIONS[i % 3] !== "racer") continue;
        const guard = children.find((c) => c.function === "guard")!;
        expect(guard.status, `workflow ${i}: its guard`).toBe("cancelled");
        const undo = await store.listCalls({ parentId: guard.id, rootsOnly: false, limit: 100 });
        expect(undo.map((c) => `${c.function}: ${c.status}`).sort(), `workflow ${i}: its guard's calls`).toEqual([`${SLEEP_FUNCTION}: cancelled`, "undo: succeeded"]);
      }
      // At-least-once: every call ran; repeats only for calls in flight at the kill.
      const runs = new Map<string, number>();
      for (const line of readFileSync(join(folder, "ledger.txt"), "utf8").trim().split("\n")) {
        const [, id, attempt] = line.split(" ");
        const key = `${id} ${attempt}`;
        runs.set(key, (runs.get(key) ?? 0) + 1);
      }
      const perWorkflow = { fan: 3, chain: CHAIN_LENGTH + 1, racer: 5 };
      const total = ids.reduce((sum, _, i) => sum + perWorkflow[WORKFLOW_FUNCTIONS[i % 3]!], 0);
      const repeated = [...runs.keys()].filter((k) => !k.endsWith(" 1")).length;
      console.log(
        `crash test: killed after ${doneBeforeKill} finished calls, ${compensating} calls being cancelled; ${total} calls; ${repeated} runs repeated after the kill`,
      );
      expect(doneBeforeKill).toBeLessThan(total);
      // At most the calls in flight at the kill: 8 per function (the worker's ceiling), 6 functions.
      expect(repeated).toBeLessThanOrEqual(48);
    } finally {
      await scheduler.close();
      await store.close();
    }
  });
});
