// `tspc --noEmit`, the usual type-check step of a CI, with the program-check entry
// (`{ "transform": "dispatch-ts/transformer", "import": "checkProgram", "transformProgram": true }`)
// beside the transform: the real tspc binary prints the same dispatch-ts diagnostics as a build
// that emits, fails the same way, and writes nothing (no JavaScript, no dispatch-manifest.json);
// an incremental check prints them on every run, also when the .tsbuildinfo says nothing changed;
// a build that emits reports each finding once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { assertBuilt, createTempProject, ROOT, type RunResult, type TempProject } from "./support/temp-project.js";

let project: TempProject;
let checked: RunResult;
let declarations: RunResult;
let emitted: RunResult;
let incremental: RunResult[];
/** What the project folder held right after tspc --noEmit, and after --emitDeclarationOnly. */
let afterCheck: string[];
let afterDeclarations: string[];

const PLUGINS = [{ transform: "dispatch-ts/transformer" }, { transform: "dispatch-ts/transformer", import: "checkProgram", transformProgram: true }];

/** The dispatch-ts lines tsc printed, sorted (tsc sorts by file and position already; sorting makes the comparison exact). */
function ours(r: RunResult): string[] {
  return (r.stdout + r.stderr).split("\n").filter((l) => / TS990\d\d: /.test(l)).sort();
}

beforeAll(async () => {
  assertBuilt();
  project = createTempProject({ sources: join(ROOT, "test/diagnostics/cases"), type: "module" });
  project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", plugins: PLUGINS });
  const tsconfig = join(project.dir, "tsconfig.json");
  // One after the other: the emitting build writes out/, which the first must not find.
  checked = await project.tspc(["-p", tsconfig, "--noEmit"]);
  afterCheck = readdirSync(project.dir).sort();
  declarations = await project.tspc(["-p", tsconfig, "--declaration", "--emitDeclarationOnly", "--outDir", "types"]);
  afterDeclarations = readdirSync(project.dir).sort();
  // Twice: the second run finds every file unchanged in the .tsbuildinfo and checks nothing.
  const check = ["-p", tsconfig, "--noEmit", "--incremental", "--tsBuildInfoFile", join(project.dir, "check/tsbuildinfo")];
  incremental = [await project.tspc(check), await project.tspc(check)];
  emitted = await project.tspc(["-p", tsconfig]);
}, 180_000);

afterAll(() => project?.remove());

it("tspc --noEmit prints each diagnostic with its file, line, column and code, fails, and writes nothing", () => {
  const out = checked.stdout + checked.stderr;
  expect(checked.code, out).toBe(2);
  expect(out).toContain("src/unserializable-locals.ts(19,9): error TS99002: cannot keep `conn` (instance of class Socket) in the frame of `socket`");
  expect(out).toContain("src/unserializable-locals.ts(20,13): error TS99003: this durable await keeps `conn`");
  expect(out).toContain("src/unmarked.ts(18,19): error TS99005: `twice` is an ordinary async function that awaits durable calls");
  expect(out).toContain("src/mixed.ts(10,46): error TS99006: Promise.race mixes durable calls and this ordinary promise");
  expect(out).toContain("src/registrations.ts(8,50): error TS99008: invalid wire name \"send-email\"");
  expect(out).not.toContain("src/ignored.ts");
  // No JavaScript, and no manifest: it stays as the last build that emitted left it.
  expect(afterCheck).not.toContain("out");
  expect(afterCheck).not.toContain("dispatch-manifest.json");
});

it("reports exactly what a build that emits reports, and the emitting build reports each finding once", () => {
  expect(ours(emitted).length).toBeGreaterThan(20);
  expect(ours(checked)).toEqual(ours(emitted));
  expect(new Set(ours(emitted)).size).toBe(ours(emitted).length);
});

it("--emitDeclarationOnly (no JavaScript transformed) reports them too", () => {
  expect(ours(declarations)).toEqual(ours(emitted));
  expect(existsSync(join(project.dir, "types/unmarked.d.ts"))).toBe(true);
  expect(afterDeclarations).not.toContain("dispatch-manifest.json");
  expect(existsSync(join(project.dir, "dispatch-manifest.json"))).toBe(true);
});

it("an incremental --noEmit reports them on each run, also from the .tsbuildinfo when nothing changed", () => {
  const [first, second] = incremental;
  expect(existsSync(join(project.dir, "check/tsbuildinfo"))).toBe(true);
  expect(ours(first!)).toEqual(ours(emitted));
  expect(ours(second!)).toEqual(ours(emitted));
  expect(second!.code, second!.stdout + second!.stderr).not.toBe(0);
});
