// The embedded default end to end: dispatch.run on a real file store, with
// fan-out, retries with backoff, durable sleep, events (before and after the
// wait), timeouts, tail calls, permanent errors and idempotent re-runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `embedded-${process.pid}`);
const SOURCE = join(ROOT, "test/embedded/programs/app.ts");
type Outcome = { ok: boolean; value?: unknown; error?: string; ms: number };
let results: Record<string, Outcome>;
let resultsSuspending: Record<string, Outcome>;
let report: string[];
let helper: { value: number; runs: number; error: string; permanentRuns: number };

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  const r = transformSource(readFileSync(SOURCE, "utf8"), { fileName: SOURCE, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  writeFileSync(join(WORK, "app.mjs"), r.code);
  const run = spawnSync(process.execPath, [join(ROOT, "test/embedded/run-scenarios.mjs"), join(WORK, "app.mjs"), join(WORK, ".dispatch")], { cwd: ROOT, encoding: "utf8", timeout: 90_000 });
  expect(run.status, run.stderr).toBe(0);
  results = JSON.parse(run.stdout) as Record<string, Outcome>;
  // The same scenarios with a serialize-to-bytes-and-resume at every await (DESIGN decision 11).
  const env = { ...process.env, DISPATCH_SUSPEND_EVERY_AWAIT: "1" };
  const suspending = spawnSync(process.execPath, [join(ROOT, "test/embedded/run-scenarios.mjs"), join(WORK, "app.mjs"), join(WORK, ".dispatch-suspending")], { cwd: ROOT, encoding: "utf8", timeout: 90_000, env });
  expect(suspending.status, suspending.stderr).toBe(0);
  resultsSuspending = JSON.parse(suspending.stdout) as Record<string, Outcome>;
  report = run.stderr.split("\n").filter((l) => l.startsWith("dispatch: "));
  const h = execFileSync(process.execPath, [join(ROOT, "test/embedded/run-test-helper.mjs"), join(WORK, "app.mjs")], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  helper = JSON.parse(h) as typeof helper;
}, 120_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("embedded scheduler through dispatch.run", () => {
  it("runs a fan-out, retries a throttled call with backoff, sleeps durably", () => {
    const o = results.pipeline!;
    expect(o).toMatchObject({ ok: true, value: { squares: [1, 4, 9], retried: "k after 3 attempts" } });
    expect(o.ms).toBeGreaterThanOrEqual(1000);
  });
  it("re-running the same call returns its stored result (idempotency key: function + arguments)", () => {
    const o = results["pipeline again (idempotent: the stored result)"]!;
    expect(o.value).toEqual(results.pipeline!.value);
  });
  it("an event sent while the call waits resumes it with the payload", () => {
    expect(results.approval).toMatchObject({ ok: true, value: ["approved a1", true] });
  });
  it("an event sent before anyone waits is kept for the first waiter", () => {
    expect(results["event sent before the wait"]).toMatchObject({ ok: true, value: "rejected b2" });
  });
  it("a wait that times out rejects with a TimeoutError at the await", () => {
    expect(results.impatient).toMatchObject({ ok: true, value: "gave up: TimeoutError" });
  });
  it("a tail call loop (return dispatch.reset(...)) runs to its end under one call", () => {
    expect(results.countdown).toMatchObject({ ok: true, value: "liftoff" });
  });
  it("a permanent error fails the call without retries and reaches the caller with its class", () => {
    expect(results.permanent).toMatchObject({ ok: false, error: "PermanentError: no way" });
  });
});

describe("every scenario with DISPATCH_SUSPEND_EVERY_AWAIT=1", () => {
  it("gives the same outcomes", () => {
    const outcomes = (all: Record<string, Outcome>) => Object.fromEntries(Object.entries(all).map(([name, { ok, value, error }]) => [name, { ok, value, error }]));
    expect(outcomes(resultsSuspending)).toEqual(outcomes(results));
  });
});

describe("what dispatch.run prints on standard error", () => {
  it("a summary line per run: outcome, time, calls, retries, resumes", () => {
    const summaries = report.filter((l) => !l.includes("still running"));
    expect(summaries[0]).toMatch(/^dispatch: pipeline succeeded in [\d.]+ m?s: 6 calls \(6 succeeded\), 2 retries, \d+ resumes$/);
    expect(summaries).toContainEqual(expect.stringMatching(/^dispatch: permanent failed in [\d.]+ m?s: 2 calls \(1 succeeded, 1 failed\), 0 retries, 1 resume$/));
  });
  it("a re-run that finds the stored result says so", () => {
    expect(report.filter((l) => !l.includes("still running"))[1]).toMatch(/^dispatch: pipeline succeeded in an earlier run of this program: its stored result is returned/);
  });
  it("progress lines while a run waits, naming what it waits on", () => {
    const progress = report.filter((l) => l.startsWith("dispatch: pipeline still running after "));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toMatch(/^dispatch: pipeline still running after [\d.]+ m?s: 4 of 6 calls finished, 2 retries; waiting on dispatch\.sleep$/);
    expect(report).toContainEqual(expect.stringMatching(/^dispatch: impatient still running after [\d.]+ m?s: 0 of 2 calls finished, 0 retries; waiting on dispatch\.waitForEvent$/));
  });
});

describe("dispatch-ts/test", () => {
  it("injected temporary failures are retried by the in-memory scheduler until the call succeeds", () => {
    expect(helper.value).toBe(49);
    expect(helper.runs).toBe(3);
  });
  it("an injected permanent failure reaches the caller without a retry", () => {
    expect(helper.error).toBe("InjectedFailure: injected failure of square (run 1)");
    expect(helper.permanentRuns).toBe(1);
  });
});

describe("a run killed while it waits", () => {
  it("is continued by the next process, whose summary counts what finished there", async () => {
    const dir = join(WORK, ".dispatch-killed");
    const args = [join(ROOT, "test/embedded/run-one.mjs"), join(WORK, "app.mjs"), dir, "pipeline", "[[7, 8]]"];
    // Killed (SIGKILL) at its first progress line: the pipeline is then inside its 1 s sleep or before.
    await new Promise<void>((done, fail) => {
      const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
      child.stderr.on("data", (d: Buffer) => {
        if (d.toString().includes("still running")) child.kill("SIGKILL");
      });
      child.on("error", fail);
      child.on("close", () => done());
    });
    const second = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ squares: [49, 64] });
    const summary = second.stderr.split("\n").find((l) => l.startsWith("dispatch: pipeline succeeded"));
    expect(summary).toMatch(/: (\d+) calls? \((\d+) succeeded\), .* \(continued the unfinished run of an earlier process; counts are this process's\)$/);
    const [, calls, succeeded] = /: (\d+) calls? \((\d+) succeeded\)/.exec(summary!)!;
    expect(Number(succeeded)).toBeLessThanOrEqual(Number(calls));
  }, 90_000);
});
