// The differential harness: every fixture runs as native JavaScript (the
// oracle, DISPATCH_NATIVE=1), transformed, and transformed with a round trip
// through bytes at every await (DISPATCH_SUSPEND_EVERY_AWAIT=1). Logged events,
// their interleaving with a microtask ticker, the outcome and unhandled
// rejections must be identical; in the suspending mode every await executed
// must have made one round trip.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { spawn } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";
import { formatDiagnostic } from "../../transformer/transform-source.js";
// @ts-expect-error plain JavaScript helper shared with the native runner
import { listFixtures, transpileFixture, FIXTURES_DIR } from "../support/run-fixture-native.mjs";
import { KNOWN_GAPS } from "./known-gaps.js";
import { comparable, type RunRecord } from "./run-record.js";

const ROOT = resolve(import.meta.dirname, "../..");
// One folder per run: several runs (people, CI) may share the checkout.
const WORK = join(ROOT, ".cache/differential", `run-${process.pid}`);
const names: string[] = listFixtures(FIXTURES_DIR);

const compileErrors = new Map<string, string>();
const results: Record<string, Map<string, RunRecord>> = {};

function runMode(mode: string, dir: string, env: Record<string, string>): Promise<Map<string, RunRecord>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "test/support/run-fixtures-mode.mjs"), dir, ...names], {
      cwd: ROOT,
      env: { ...process.env, DISPATCH_NATIVE: "", DISPATCH_SUSPEND_EVERY_AWAIT: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", () => {
      const map = new Map<string, RunRecord>();
      for (const line of out.split("\n")) {
        if (!line.startsWith("{")) continue;
        const r = JSON.parse(line) as RunRecord;
        map.set(r.fixture, r);
      }
      if (map.size < names.length) map.set("$stderr", { fixture: mode, error: err.slice(-4000) });
      resolvePromise(map);
    });
  });
}

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  for (const name of names) {
    const source = readFileSync(join(FIXTURES_DIR, `${name}.ts`), "utf8");
    const nativeFile = join(WORK, "native", `${name}.mjs`);
    mkdirSync(dirname(nativeFile), { recursive: true });
    writeFileSync(nativeFile, transpileFixture(source, `${name}.ts`));
    const transformedFile = join(WORK, "transformed", `${name}.mjs`);
    mkdirSync(dirname(transformedFile), { recursive: true });
    try {
      const r = transformSource(source, { fileName: join(FIXTURES_DIR, `${name}.ts`), root: ROOT });
      if (r.diagnostics.length > 0) compileErrors.set(name, r.diagnostics.map(formatDiagnostic).join("\n"));
      writeFileSync(transformedFile, r.code);
    } catch (e) {
      compileErrors.set(name, String((e as Error).stack ?? e));
      writeFileSync(transformedFile, `export default async function main() { throw new Error("did not compile"); }`);
    }
  }
  const [native, transformed, suspended] = await Promise.all([
    runMode("native", join(WORK, "native"), { DISPATCH_NATIVE: "1" }),
    runMode("transformed", join(WORK, "transformed"), {}),
    runMode("suspend-every-await", join(WORK, "transformed"), { DISPATCH_SUSPEND_EVERY_AWAIT: "1" }),
  ]);
  results.native = native;
  results.transformed = transformed;
  results.suspended = suspended;
  // Kept for people: node test/support/diff-summary.mjs prints which fixtures differ and where.
  writeFileSync(join(WORK, "..", "records.json"), JSON.stringify({ compileErrors: Object.fromEntries(compileErrors), native: [...native.values()], transformed: [...transformed.values()], suspended: [...suspended.values()] }));
}, 300_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("differential fixtures: native vs transformed vs suspend-every-await", () => {
  it("compiled the corpus", () => {
    expect(names.length).toBeGreaterThan(100);
  });
  for (const name of names) {
    const gap = KNOWN_GAPS[name];
    const title = gap ? `${name} (known gap, expected to differ: ${gap})` : name;
    const test = gap ? it.fails : it;
    test(title, () => {
      expect(compileErrors.get(name), "transform diagnostics").toBeUndefined();
      const oracle = comparable(results.native!.get(name));
      expect(comparable(results.transformed!.get(name)), "transformed").toEqual(oracle);
      const s = results.suspended!.get(name);
      expect(comparable(s), "suspend-every-await").toEqual(oracle);
      expect(s?.roundTrips, "one round trip per await executed").toBe(s?.awaits);
    });
  }
});
