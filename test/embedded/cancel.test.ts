// Cancellation end to end: transformed durable code, the real engine, the scheduler on a real
// SQLite file store. The losers of a race decided in the run that exits are cancelled through
// Exit.cancel_correlation_ids; a cancelled workflow gets a CancelledError at its durable await, so
// its catch (with durable compensating calls) and finally blocks run before it ends cancelled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `cancel-${process.pid}`);
const SOURCE = join(ROOT, "test/embedded/programs/cancel.ts");
type Scenario = { cancel?: boolean; result: unknown; status: string; tree: string[] };
let results: Record<string, Scenario> & { ledger: string[] };

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  const r = transformSource(readFileSync(SOURCE, "utf8"), { fileName: SOURCE, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  writeFileSync(join(WORK, "cancel.mjs"), r.code);
  const run = spawnSync(process.execPath, [join(ROOT, "test/embedded/run-cancel.mjs"), join(WORK, "cancel.mjs"), join(WORK, ".dispatch")], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  results = JSON.parse(run.stdout) as typeof results;
}, 90_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("cancellation on the embedded scheduler", () => {
  it("a race decided in the run that returns cancels its loser and the loser's sleep", () => {
    expect(results.race).toEqual({
      result: "fast",
      status: "succeeded",
      tree: ["fast: succeeded", "  dispatch_ts.sleep: succeeded", "slowSleeper: cancelled", "  dispatch_ts.sleep: cancelled"],
    });
  });

  const CANCELLED = "CancelledError: cannot finish call: it was cancelled";

  it("a workflow cancelled during a long sleep runs its catch (a durable refund) and its finally", () => {
    expect(results.booking).toEqual({
      cancel: true,
      result: CANCELLED,
      status: "cancelled",
      tree: ["dispatch_ts.sleep: cancelled", "refund: succeeded", "note: succeeded", "note: succeeded"],
    });
    expect(results.ledger.slice(0, 3)).toEqual(["refund b1", "booking b1 caught CancelledError: refunded b1", "booking b1 finally"]);
  });

  it("a workflow cancelled while it waits for an event compensates the same way", () => {
    expect(results.approval).toEqual({
      cancel: true,
      result: CANCELLED,
      status: "cancelled",
      tree: ["dispatch_ts.wait_for_event: cancelled", "refund: succeeded", "note: succeeded"],
    });
    expect(results.ledger.slice(3, 5)).toEqual(["refund approval a1", "approval a1 finally"]);
  });

  it("cancelling a workflow cancels its subtree: each waiting call below compensates too", () => {
    expect(results.trip).toEqual({
      cancel: true,
      result: CANCELLED,
      status: "cancelled",
      tree: ["booking: cancelled", "  dispatch_ts.sleep: cancelled", "  refund: succeeded", "  note: succeeded", "  note: succeeded", "note: succeeded"],
    });
    // The trip and its booking compensate side by side: only each one's own order is fixed.
    const rest = results.ledger.slice(5);
    expect([...rest].sort()).toEqual(["booking t1 caught CancelledError: refunded t1", "booking t1 finally", "refund t1", "trip t1 caught CancelledError"].sort());
    const booking = rest.filter((l) => !l.startsWith("trip"));
    expect(booking).toEqual(["refund t1", "booking t1 caught CancelledError: refunded t1", "booking t1 finally"]);
  });
});
