// The diagnostics through the real `tspc` binary: ts-patch hands the plugin
// its Program and addDiagnostic, tsc prints what the plugin adds as
// `file(line,col): error TS99002: ...` (or `warning TS...`). tsc counts every
// diagnostic, warnings too, in its exit status (2: diagnostics present, outputs
// generated): the JavaScript is still written.
import { afterAll, beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { assertBuilt, createTempProject, ROOT, type RunResult, type TempProject } from "./support/temp-project.js";

let project: TempProject;
let compile: RunResult;
let warningsOnly: TempProject;
let warningsCompile: RunResult;

beforeAll(async () => {
  assertBuilt();
  project = createTempProject({ sources: join(ROOT, "test/diagnostics/cases"), type: "module" });
  project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext" });
  warningsOnly = createTempProject({ sources: join(ROOT, "test/e2e/sample-project/src"), type: "module" });
  // Two modules registering one wire name: a warning, the build still succeeds.
  warningsOnly.write("src/notify-a.ts", 'import * as dispatch from "dispatch-ts";\nexport const notify = dispatch.function(async function notify(m: string) {\n  return m;\n});\n');
  warningsOnly.write("src/notify-b.ts", 'import * as dispatch from "dispatch-ts";\nexport const other = dispatch.function({ name: "notify" }, async function other(m: string) {\n  return m;\n});\n');
  warningsOnly.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext" });
  [compile, warningsCompile] = await Promise.all([project.tspc(), warningsOnly.tspc()]);
}, 120_000);

afterAll(() => {
  project?.remove();
  warningsOnly?.remove();
});

it("prints each diagnostic with its file, line, column and code, and fails the build", () => {
  const out = compile.stdout + compile.stderr;
  expect(compile.code, out).not.toBe(0);
  expect(out).toContain("src/unserializable-locals.ts(19,9): error TS99002: cannot keep `conn` (instance of class Socket) in the frame of `socket`");
  expect(out).toContain("src/unserializable-locals.ts(20,13): error TS99003: this durable await keeps `conn`");
  expect(out).toContain("src/unmarked.ts(18,19): error TS99005: `twice` is an ordinary async function that awaits durable calls");
  expect(out).toContain("src/mixed.ts(10,46): error TS99006: Promise.race mixes durable calls and this ordinary promise");
  expect(out).toContain("src/registrations.ts(8,50): error TS99008: invalid wire name \"send-email\"");
  expect(out).not.toContain("src/ignored.ts");
});

it("a warning is printed as a warning; tsc still writes the output, with exit status 2 as for any diagnostic", () => {
  const out = warningsCompile.stdout + warningsCompile.stderr;
  expect(out).toContain("src/notify-a.ts(2,56): warning TS99010: the wire name \"notify\" is also used by a dispatch.function in notify-b.ts");
  expect(out).toContain("src/notify-b.ts(2,48): warning TS99010");
  expect(out).not.toContain("error TS");
  expect(warningsCompile.code, out).toBe(2);
  expect(warningsOnly.read("out/notify-a.js")).toContain("$rt.durableBody(");
});
