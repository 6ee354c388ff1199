// Cancellation end to end: transformed durable code, the real engine, the scheduler on a real
// SQLite file store. The losers of a race decided in the run that exits are cancelled through
// Exit.cancel_correlation_ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `cancel-${process.pid}`);
const SOURCE = join(ROOT, "test/embedded/programs/cancel.ts");
let results: Record<string, { result: unknown; status: string; tree: string[] } & Record<string, unknown>>;

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
});
