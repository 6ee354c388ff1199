// The losers of dispatch.race/any through dispatch.run, on the file store and in memory: a loser
// waiting in a durable await gets a CancelledError there, runs its catch and finally (durable
// calls included) on its own, and dispatch.run returns only once that compensation is done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `losers-${process.pid}`);
const SOURCE = join(ROOT, "test/embedded/programs/losers.ts");
type Run = { result: unknown; ledger: string[] };
let results: Record<"file" | "memory", Record<"return" | "goOn", Run>> & { trees: Record<string, { status: string; tree: string[] }> };

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  const r = transformSource(readFileSync(SOURCE, "utf8"), { fileName: SOURCE, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  writeFileSync(join(WORK, "losers.mjs"), r.code);
  const run = spawnSync(process.execPath, [join(ROOT, "test/embedded/run-losers.mjs"), join(WORK, "losers.mjs"), join(WORK, ".dispatch")], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  results = JSON.parse(run.stdout) as typeof results;
}, 90_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe.each(["file", "memory"] as const)("race losers compensate (%s store)", (store) => {
  it("a race decided in the run that returns: the loser's catch and finally ran before dispatch.run returned", () => {
    expect(results[store].return).toEqual({ result: "fast", ledger: [`holder ${store}-a caught CancelledError`, `holder ${store}-a finally`] });
  });

  it("a race decided mid-way: the winner goes on while the loser compensates; both are done at the end", () => {
    const { result, ledger } = results[store].goOn;
    expect(result).toBe("fast");
    expect([...ledger].sort()).toEqual([`${store}-b went on after fast`, `holder ${store}-b caught CancelledError`, `holder ${store}-b finally`].sort());
    // The loser's own steps keep their order.
    expect(ledger.filter((l) => l.startsWith("holder"))).toEqual([`holder ${store}-b caught CancelledError`, `holder ${store}-b finally`]);
  });
});

describe("the call trees left in the file store", () => {
  it("the loser ends cancelled; its sleep was cancelled; its compensating calls succeeded", () => {
    expect(results.trees.raceAndReturn).toEqual({
      status: "succeeded",
      tree: ["fast: succeeded", "  dispatch_ts.sleep: succeeded", "holder: cancelled", "  dispatch_ts.sleep: cancelled", "  note: succeeded", "  note: succeeded"],
    });
    expect(results.trees.raceAndGoOn).toEqual({
      status: "succeeded",
      tree: ["fast: succeeded", "  dispatch_ts.sleep: succeeded", "holder: cancelled", "  dispatch_ts.sleep: cancelled", "  note: succeeded", "  note: succeeded", "note: succeeded"],
    });
  });
});
