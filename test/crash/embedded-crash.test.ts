// The crash test of the embedded default (issue 8, "Durability" and "Proof: crash test"): real
// durable workflows (test/crash/programs/workflows.ts, compiled by our transformer) run with
// dispatch.run in a child process over a SQLite store folder; the child is killed with SIGKILL at
// seeded random moments (during start-up, right after steps ran, inside store transactions and
// commits, at random times)
// and the same program is run again on the same folder until every workflow has completed. Then:
//  - after each kill, every call and every result recorded before is still there, unchanged;
//  - every workflow completed once, with the history of a native run of the same source;
//  - the store holds one finished root per workflow and one call per step (nothing recorded twice);
//  - every step ran at least once, and a step ran again after a kill only if its result was not
//    recorded when the process died: the exact count of re-executions is predicted from the store
//    as each kill left it, and printed.
// Replay a failure with CRASH_SEED=<seed printed below> npx vitest run test/crash
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scaled } from "../scale.js";
import { SLEEP_FUNCTION } from "../../runtime/scheduler/reserved.js";
import { SQLITE_FILE_NAME } from "../../runtime/scheduler/store/index.js";
import { walTail } from "./wal.js";
import { changedOutcomes, compileProgram, outcomes, readLedger, readStore, readStoreCopy, recordedSteps, runProgram, seededRandom, describeTrigger, modified, type Trigger } from "./support.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `crash-${process.pid}`);
const SOURCE = join(ROOT, "test/crash/programs/workflows.ts");
const COUNT = scaled(120, 400);
const KILLS = scaled(7, 14);
/** The longest one run may take before it is killed and the test fails (the test: < 2 min). */
const RUN_DEADLINE_MS = scaled(40_000, 240_000);

type Result = { ok: string[] } | { error: string };

function parseResults(stdout: string, stderr: string): Result[] {
  const line = stdout.split("\n").find((l) => l.startsWith("results "));
  if (line === undefined) throw new Error(`the program printed no results; stderr:\n${stderr.slice(-4000)}`);
  return JSON.parse(line.slice("results ".length)) as Result[];
}

/** The environment of a child: ours, without the switches that would change what is tested. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ["DISPATCH_NATIVE", "DISPATCH_SUSPEND_EVERY_AWAIT", "DISPATCH_STATE_KEY", "DISPATCH_TRACE"]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/**
 * The kill of run `run`. The first six are chosen: inside the transaction that creates the schema
 * of the new store, while the roots are inserted and make their first polls, right after the first
 * steps ran, inside a random store transaction before its COMMIT, while a commit is written to the
 * WAL, and right after the WAL was written; later ones are drawn among all kinds but the first.
 */
function drawTrigger(run: number, random: () => number, remainingSteps: number): Trigger {
  const draw = run < 6 ? run : 1 + Math.floor(random() * 7);
  switch (draw) {
    case 0:
      return { kind: "transaction", index: 0 };
    case 1:
      return { kind: "opened", ms: Math.floor(random() * 300) };
    case 2:
      return { kind: "steps", lines: 1 + Math.floor(random() * 5) };
    case 3:
      // The file store commits in groups: a run makes tens to a few hundred transactions.
      return { kind: "transaction", index: Math.floor(random() * 60) };
    case 4:
      return { kind: "commit", after: Math.floor(random() * 60) };
    case 5:
      return { kind: "wal", writes: 1 + Math.floor(random() * 300) };
    case 6:
      return { kind: "time", ms: Math.floor(random() * 3000) };
    default:
      // Mid-run, during the heaviest store activity: up to 60% of what is left.
      return { kind: "steps", lines: 1 + Math.floor(random() * Math.max(1, remainingSteps * 0.6)) };
  }
}

interface KilledRun {
  readonly run: number;
  readonly trigger: Trigger;
  readonly ms: number;
  /** Steps this run executed (ledger lines). */
  readonly executed: readonly string[];
  /** Step results recorded in the store when the process died (all runs so far). */
  readonly recorded: ReadonlySet<string>;
}

describe("crash: kill -9 of dispatch.run on the embedded default", () => {
  const live = new Set<ChildProcess>();
  afterEach(() => {
    for (const child of live) child.kill("SIGKILL");
    live.clear();
    if (process.env.CRASH_KEEP !== "1") rmSync(WORK, { recursive: true, force: true });
  });

  it("completes every workflow once with its full history after repeated SIGKILLs", { timeout: scaled(115_000, 1_200_000) }, async () => {
    if (!existsSync(join(ROOT, "dist/runtime/index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
    const seed = process.env.CRASH_SEED !== undefined ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);
    console.log(`crash test: seed ${seed}, ${COUNT} workflows, ${KILLS} kills (replay: CRASH_SEED=${seed} npx vitest run test/crash)`);
    const random = seededRandom(seed);
    const program = compileProgram(SOURCE, ROOT, WORK);
    const dir = join(WORK, ".dispatch");
    const ledger = join(WORK, "ledger.txt");

    // The oracle: the same source run natively, once, without a store.
    const nativeLedger = join(WORK, "native-ledger.txt");
    const native = await runProgram({
      program: program.native,
      count: COUNT,
      env: childEnv({ DISPATCH_NATIVE: "1", CRASH_LEDGER: nativeLedger, CRASH_RUN: "0" }),
      ledger: nativeLedger,
      trigger: undefined,
      deadlineMs: RUN_DEADLINE_MS,
      live,
    });
    const expected = parseResults(native.stdout, native.stderr).map((r, wf) => {
      if (!("ok" in r)) throw new Error(`workflow ${wf} failed natively: ${r.error}`);
      return r.ok;
    });
    const steps = readLedger(nativeLedger).map((e) => e.key);
    expect(new Set(steps).size, "natively, every step runs once").toBe(steps.length);
    const allSteps = new Set(steps);

    // Killed runs: each trigger is drawn from the seeded generator.
    const killed: KilledRun[] = [];
    let recorded = new Set<string>();
    let finishedEarly: Result[] | undefined;
    let insideCommits = 0;
    const insideTransactions: string[] = [];
    let lastOutcomes = new Map<string, string | undefined>();
    const wal = join(dir, `${SQLITE_FILE_NAME}-wal`);
    for (let run = 0; run < KILLS && finishedEarly === undefined; run++) {
      const trigger = drawTrigger(run, random, allSteps.size - recorded.size);
      const before = readLedger(ledger).length;
      const walBefore = modified(wal);
      const outcome = await runProgram({ program: program.durable, count: COUNT, env: childEnv({ DISPATCH_DIR: dir, CRASH_LEDGER: ledger, CRASH_RUN: String(run) }), ledger, dir, trigger, deadlineMs: RUN_DEADLINE_MS, live });
      const executed = readLedger(ledger).slice(before).map((e) => e.key);
      if (!outcome.killed) {
        // The run beat its trigger: it must then have finished everything.
        expect(outcome.code, `run ${run} exited before its kill (code ${outcome.code}, signal ${outcome.signal}${outcome.timedOut ? `, past its ${RUN_DEADLINE_MS} ms` : ""}); stderr:\n${outcome.stderr.slice(-4000)}`).toBe(0);
        finishedEarly = parseResults(outcome.stdout, outcome.stderr);
        console.log(`  run ${run}: finished before its kill (${describeTrigger(trigger)}), ${executed.length} steps ran`);
        break;
      }
      // A commit cut short: frames after the last commit frame, written by this run.
      const tail = walTail(wal);
      if (tail.unfinished > 0 && modified(wal) !== walBefore) insideCommits++;
      const marker = /inside store transaction #\d+ \(([\w-]+)\)/.exec(outcome.stderr);
      if (trigger.kind === "transaction") {
        expect(marker, `run ${run}: killed, but not inside store transaction #${trigger.index}`).not.toBeNull();
        insideTransactions.push(marker![1]!);
      }
      const stored = await readStoreCopy(dir, join(WORK, "copy"));
      // Nothing lost, nothing recorded twice: every call and every outcome of the last crash is
      // still there, unchanged.
      const nowOutcomes = outcomes(stored);
      expect(changedOutcomes(lastOutcomes, nowOutcomes), `run ${run}: calls or results of earlier runs lost or changed`).toEqual([]);
      lastOutcomes = nowOutcomes;
      const now = recordedSteps(stored);
      recorded = now;
      killed.push({ run, trigger, ms: outcome.ms, executed, recorded: now });
      const unrecorded = executed.filter((k) => !now.has(k)).length;
      console.log(`  run ${run}: SIGKILL ${describeTrigger(trigger)}${marker ? ` (${marker[1]})` : ""} (${outcome.ms} ms after the spawn): ${executed.length} steps ran, ${unrecorded} of them without their result recorded; ${now.size}/${allSteps.size} results recorded; WAL: ${tail.committed} committed frames${tail.unfinished > 0 ? `, and ${tail.unfinished} after them (an unfinished commit)` : ""}`);
    }

    // Runs again on the same folder until everything completed (one run suffices unless it fails).
    let results = finishedEarly;
    if (results === undefined) {
      const run = killed.length;
      const before = readLedger(ledger).length;
      const last = await runProgram({ program: program.durable, count: COUNT, env: childEnv({ DISPATCH_DIR: dir, CRASH_LEDGER: ledger, CRASH_RUN: String(run) }), ledger, trigger: undefined, deadlineMs: RUN_DEADLINE_MS, live });
      expect(last.code, `the last run failed (code ${last.code}, signal ${last.signal}${last.timedOut ? `, past its ${RUN_DEADLINE_MS} ms` : ""}); stderr:\n${last.stderr.slice(-4000)}`).toBe(0);
      results = parseResults(last.stdout, last.stderr);
      console.log(`  run ${run}: completed in ${last.ms} ms, ${readLedger(ledger).length - before} steps ran`);
    }

    // Every workflow completed with the native history.
    expect(results).toHaveLength(COUNT);
    for (const [wf, r] of results.entries()) expect(r, `workflow ${wf}`).toEqual({ ok: expected[wf] });
    expect(readFileSync(join(dir, "state.key")).length, "the state key kept in the folder").toBeGreaterThanOrEqual(32);

    // The store: one finished root per workflow, one call per step, nothing left unfinished.
    const calls = await readStore(dir);
    expect(changedOutcomes(lastOutcomes, outcomes(calls)), "calls or results of killed runs lost or changed").toEqual([]);
    const roots = calls.filter((c) => c.record.parentId === undefined);
    expect(roots).toHaveLength(COUNT);
    const rootOf = new Map<string, number>();
    for (const root of roots) {
      expect(root.record).toMatchObject({ function: "workflow", status: "succeeded" });
      const history = root.output as string[];
      const wf = Number(/^w(\d+)\./.exec(history[0]!)![1]);
      rootOf.set(root.record.id, wf);
      expect(history, `stored result of workflow ${wf}`).toEqual(expected[wf]);
    }
    expect([...rootOf.values()].sort((a, b) => a - b), "one root per workflow").toEqual([...Array(COUNT).keys()]);
    const stepCalls = calls.filter((c) => c.record.function === "step");
    expect(stepCalls.length, "step calls in the store (one per step: none dispatched twice)").toBe(allSteps.size);
    expect(recordedSteps(stepCalls)).toEqual(allSteps);
    for (const s of stepCalls) {
      const key = String(s.output).split("=")[0]!;
      expect(`w${rootOf.get(s.record.rootId)}`, `root of step ${key}`).toBe(key.split(".")[0]);
    }
    const count = (fn: string): number => calls.filter((c) => c.record.function === fn).length;
    expect(count("chain")).toBe(expected.filter((h) => h.some((s) => s.includes(".n.c"))).length);
    expect(count(SLEEP_FUNCTION)).toBe(expected.filter((h) => h.includes("slept")).length);
    expect(calls.filter((c) => c.record.status !== "succeeded").map((c) => `${c.record.function} ${c.record.status}`)).toEqual([]);

    // The ledger: at least once per step, and exactly the re-executions the kills explain.
    const entries = readLedger(ledger);
    const executions = new Map<string, number>();
    for (const e of entries) executions.set(e.key, (executions.get(e.key) ?? 0) + 1);
    expect(new Set(executions.keys()), "steps executed (the ledger) against the steps of the native run").toEqual(allSteps);
    for (let run = 0; run <= killed.length; run++) {
      const inRun = entries.filter((e) => e.run === run).map((e) => e.key);
      expect(inRun.length - new Set(inRun).size, `steps that ran twice within run ${run}`).toBe(0);
      // A step whose result was recorded when a process died never runs again.
      const recordedBefore = run > 0 ? killed[run - 1]!.recorded : new Set<string>();
      expect(inRun.filter((k) => recordedBefore.has(k)), `run ${run} re-executed recorded steps`).toEqual([]);
    }
    // A step that ran and died before its result was committed runs once more in a later run.
    const predicted = new Map<string, number>([...allSteps].map((k) => [k, 1]));
    for (const k of killed) for (const key of k.executed) if (!k.recorded.has(key)) predicted.set(key, predicted.get(key)! + 1);
    expect(executions).toEqual(predicted);
    const reExecuted = entries.length - allSteps.size;
    const cutShort = killed.reduce((n, k) => n + k.executed.filter((key) => !k.recorded.has(key)).length, 0);
    console.log(
      `crash test: seed ${seed}: ${COUNT} workflows, ${allSteps.size} steps, ${killed.length} kills ` +
        `(${insideTransactions.length} inside a store transaction: ${insideTransactions.join(", ")}; ${insideCommits} during the WAL write of a commit), ` +
        `${entries.length} step executions: ${reExecuted} re-executions, exactly the ${cutShort} executions of killed runs whose result was not committed yet`,
    );
    // What the kills covered (not a property of the runtime: a failure here means the schedule of
    // kills did not reach what it aims at).
    expect(killed.length, "kills that landed before the work was done").toBeGreaterThanOrEqual(Math.min(3, KILLS));
    expect(insideTransactions.length, "kills inside a store transaction").toBeGreaterThanOrEqual(Math.min(2, KILLS));
  });
});
