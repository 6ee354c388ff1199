// The embedded default end to end: dispatch.run on a real file store, with
// fan-out, retries with backoff, durable sleep, events (before and after the
// wait), timeouts, tail calls, permanent errors and idempotent re-runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `embedded-${process.pid}`);
const SOURCE = join(ROOT, "test/embedded/programs/app.ts");
type Outcome = { ok: boolean; value?: unknown; error?: string; ms: number };
let results: Record<string, Outcome>;
let helper: { value: number; runs: number; error: string; permanentRuns: number };

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  const r = transformSource(readFileSync(SOURCE, "utf8"), { fileName: SOURCE, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  writeFileSync(join(WORK, "app.mjs"), r.code);
  const out = execFileSync(process.execPath, [join(ROOT, "test/embedded/run-scenarios.mjs"), join(WORK, "app.mjs"), join(WORK, ".dispatch")], { cwd: ROOT, encoding: "utf8", timeout: 90_000 });
  results = JSON.parse(out) as Record<string, Outcome>;
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
    expect(o.ms).toBeLessThan(1000);
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
