// The fourth mode of the differential harness: a subset of the fixtures runs
// with a new Node process at every await. When an await settles, the whole
// coroutine tree is written to bytes and the process exits; a process that
// never ran the function loads the module, decodes the bytes and continues
// (test/support/hop-fixture-step.mjs, run-fixture-across-processes.mjs). What
// the fixture logs goes to one record file that every process appends to, so
// the whole run is compared with the native oracle, without the ticker
// (comparableWithoutTicks says why), and the number of processes after the
// first must equal the number of awaits executed.
//
// Fixtures outside the subset are left out for a reason that has nothing to do
// with the frames, or for one that this mode exists to show (fixtures/README.md,
// "Across processes", lists them): module-level state changed during the run
// (a counter, a static field) stays in the process that changed it; native
// promises held by a combinator or across awaits, timers and work that outlives
// main cannot cross a process exit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { spawn } from "node:child_process";
import { transformSource, formatDiagnostic } from "../../transformer/transform-source.js";
// @ts-expect-error plain JavaScript helper shared with the native runner
import { transpileFixture, FIXTURES_DIR } from "../support/run-fixture-native.mjs";
// @ts-expect-error plain JavaScript helper, also a command for people
import { runAcrossProcesses } from "../support/run-fixture-across-processes.mjs";
import { comparableWithoutTicks, type RunRecord } from "./run-record.js";
import { soak } from "../scale.js";
import { BOUNDED, SOAK_MORE } from "./across-processes-fixtures.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache/differential", `hops-${process.pid}`);
const names = soak ? [...BOUNDED, ...SOAK_MORE] : BOUNDED;
const compileErrors = new Map<string, string>();
const oracle = new Map<string, RunRecord>();
const hopped = new Map<string, RunRecord & { hops?: number }>();

function runNative(): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "test/support/run-fixtures-mode.mjs"), join(WORK, "native"), ...names], {
      cwd: ROOT,
      env: { ...process.env, DISPATCH_NATIVE: "1", DISPATCH_SUSPEND_EVERY_AWAIT: "" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", () => {
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        const r = JSON.parse(line) as RunRecord;
        oracle.set(r.fixture, r);
      }
      resolvePromise();
    });
  });
}

async function runHops(): Promise<void> {
  // A few chains at once: each process mostly waits for Node to start.
  const queue = [...names];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      hopped.set(name, { fixture: name, ...(await runAcrossProcesses(join(WORK, "transformed", `${name}.mjs`))) });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  for (const name of names) {
    const source = readFileSync(join(FIXTURES_DIR, `${name}.ts`), "utf8");
    for (const dir of ["native", "transformed"]) mkdirSync(dirname(join(WORK, dir, name)), { recursive: true });
    writeFileSync(join(WORK, "native", `${name}.mjs`), transpileFixture(source, `${name}.ts`));
    const r = transformSource(source, { fileName: join(FIXTURES_DIR, `${name}.ts`), root: ROOT });
    if (r.diagnostics.length > 0) compileErrors.set(name, r.diagnostics.map(formatDiagnostic).join("\n"));
    writeFileSync(join(WORK, "transformed", `${name}.mjs`), r.code);
  }
  await Promise.all([runNative(), runHops()]);
}, soak ? 3_600_000 : 300_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("differential fixtures: native vs a new process at every await", () => {
  it("covers every group of fixtures", () => {
    const groups = new Set(names.map((n) => n.split("/")[0]));
    expect([...groups].sort()).toEqual(["classes", "closures", "concurrency", "errors", "expressions", "functions", "iteration", "statements", "ticks", "try"]);
  });
  for (const name of names) {
    it(name, () => {
      expect(compileErrors.get(name), "transform diagnostics").toBeUndefined();
      const h = hopped.get(name);
      expect(comparableWithoutTicks(h), "across processes").toEqual(comparableWithoutTicks(oracle.get(name)));
      expect(h?.hops, "one new process per await executed").toBe(h?.awaits);
      expect(h?.awaits, "the fixture awaits").toBeGreaterThan(0);
    });
  }
});
