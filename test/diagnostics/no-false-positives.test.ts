// No false positives: the examples, the differential fixtures, the end-to-end
// sample and a corpus of realistic durable code (test/diagnostics/corpus/)
// compile with the tspc plugin without a single diagnostic, and type-check.
// One program for all of them (a TypeScript program takes seconds to build).
import { expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { compileFiles, ROOT } from "./compile.js";

it("examples, fixtures, the e2e sample and the corpus compile without diagnostics", () => {
  const listed = execFileSync("find", ["examples/pipeline", "fixtures", "test/e2e/sample-project/src", "test/diagnostics/corpus", "-name", "*.ts"], { cwd: ROOT, encoding: "utf8" });
  const files = listed.trim().split("\n").sort().map((f) => join(ROOT, f));
  expect(files.length).toBeGreaterThan(300);
  const r = compileFiles(files);
  expect(r.found.map((f) => `${f.file}:${f.line}:${f.column} TS${f.code} ${f.message}`)).toEqual([]);
  // The corpus is real code: it type-checks (the fixtures' own type errors are theirs to keep).
  expect(r.typeErrors.filter((e) => e.includes("corpus"))).toEqual([]);
}, 180_000);
