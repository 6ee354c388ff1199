// Every way users build with tspc compiles a durable program that then runs:
// `isolatedModules` with CommonJS output and declarations, project references
// (`tspc -b`, two composite projects, both durable, the app calling the
// library's helpers from a scheduled function on the embedded runner), and
// `tspc --watch` (an edit is recompiled, still lowered, and runs). ES module
// and CommonJS output with declarations of the sample program are covered by
// tspc.test.ts; source maps by source-maps.test.ts.
//
// Slow on purpose (each compile starts a TypeScript program): the two one-shot
// builds run in parallel in beforeAll; the watcher has its own test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertBuilt, createTempProject, ROOT, TSPC, type RunResult, type TempProject } from "./support/temp-project.js";

const SAMPLE = join(ROOT, "test/e2e/sample-project/src");
const REFERENCES = join(ROOT, "test/e2e/references-project");

// What the sample prints natively (see tspc.test.ts), and after the watch test's edit (double -> triple).
const SAMPLE_OUTPUT = {
  ok: { sum: 12, scaled: 120 },
  failure: "RangeError: over 100",
  lines: ["+1 -> 2", "+2 -> 6", "+3 -> 12", "finally at 12", "+40 -> 80", "+50 -> 180", "finally at 180"],
};
const EDITED_OUTPUT = {
  ok: { sum: 18, scaled: 180 },
  failure: "RangeError: over 100",
  lines: ["+1 -> 3", "+2 -> 9", "+3 -> 18", "finally at 18", "+40 -> 120", "finally at 120"],
};

const MODES: Record<string, string>[] = [{}, { DISPATCH_SUSPEND_EVERY_AWAIT: "1" }];
const LOWERED = ["$rt.enter(", "switch ($f.$pc)", "$rt.w($k, $f.$a))"];

function expectLowered(js: string): void {
  for (const marker of LOWERED) expect(js).toContain(marker);
}

function output(r: RunResult): string {
  return `exited with ${r.code}\n${r.stdout}${r.stderr}`;
}

const projects: TempProject[] = [];
let isolated: { project: TempProject; compile: RunResult };
let references: { project: TempProject; compile: RunResult };

beforeAll(async () => {
  assertBuilt();
  const iso = createTempProject({ sources: SAMPLE, type: "commonjs" });
  iso.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", declaration: true, isolatedModules: true });
  // Two projects side by side; the app imports the library's emitted modules by relative path.
  const refs = createTempProject({ sources: REFERENCES, type: "module", whole: true });
  projects.push(iso, refs);
  const [i, r] = await Promise.all([iso.tspc(), refs.tspc(["-b", join(refs.dir, "app")])]);
  isolated = { project: iso, compile: i };
  references = { project: refs, compile: r };
}, 180_000);

afterAll(() => {
  for (const p of projects) p.remove();
});

describe("isolatedModules: true (CommonJS output, declarations)", () => {
  it("compiles without diagnostics and emits the lowered form", () => {
    expect(isolated.compile.code, output(isolated.compile)).toBe(0);
    expect(isolated.compile.stdout + isolated.compile.stderr).toBe("");
    expectLowered(isolated.project.read("out/steps.js"));
    expect(isolated.project.read("out/steps.js")).toMatch(/require\("dispatch-ts\/internal"\)/);
  });

  it("keeps the functions' types in the .d.ts", () => {
    expect(isolated.project.read("out/steps.d.ts")).toContain("export declare function total(xs: number[], limit: number): Promise<number>;");
  });

  it("runs, also when every await is a round trip through bytes", async () => {
    for (const env of MODES) {
      const r = await isolated.project.node("out/main.js", env);
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual(SAMPLE_OUTPUT);
    }
  });
});

describe("project references (tspc -b, two durable projects)", () => {
  it("builds both projects, each lowered, with declarations", () => {
    expect(references.compile.code, output(references.compile)).toBe(0);
    expect(references.compile.stdout + references.compile.stderr).toBe("");
    expectLowered(references.project.read("lib/src/steps.js"));
    expect(references.project.read("app/out/workflow.js")).toContain("$rt.enter(");
    expect(references.project.read("lib/src/steps.d.ts")).toContain("export declare function total(xs: number[]): Promise<number>;");
    expect(references.project.read("app/out/workflow.d.ts")).toContain("dispatch.DurableFunction<[xs: number[]], {");
  });

  it("runs the app's scheduled function, which awaits the library's helpers", async () => {
    for (const env of MODES) {
      const r = await references.project.node("app/out/main.js", env);
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual({ squares: [1, 4, 9], total: 28 });
    }
  });

  it("a second build finds everything up to date and emits nothing", async () => {
    const before = references.project.read("lib/src/steps.js");
    const again = await references.project.tspc(["-b", join(references.project.dir, "app"), "--verbose"]);
    expect(again.code, output(again)).toBe(0);
    expect(again.stdout).toMatch(/Project 'lib\/tsconfig.json' is up to date/);
    expect(again.stdout).toMatch(/Project 'app\/tsconfig.json' is up to date/);
    expect(references.project.read("lib/src/steps.js")).toBe(before);
  });
});

describe("tspc --watch", () => {
  it("compiles, recompiles an edited durable file to the lowered form, and both builds run", async () => {
    const project = createTempProject({ sources: SAMPLE, type: "module" });
    projects.push(project);
    project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext" });
    const watcher = spawn(process.execPath, [TSPC, "-w", "--preserveWatchOutput", "-p", join(project.dir, "tsconfig.json")], {
      cwd: project.dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    watcher.stdout.on("data", (d) => (log += d));
    watcher.stderr.on("data", (d) => (log += d));
    // Resolves once the watcher has reported `count` finished builds; fails on a timeout or an early exit.
    const builds = (count: number): Promise<void> =>
      new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`tspc --watch did not finish build ${count} in 120 s:\n${log}`)), 120_000);
        const check = (): void => {
          if ((log.match(/Found \d+ errors?\. Watching for file changes\./g) ?? []).length >= count) {
            clearTimeout(timer);
            watcher.stdout.off("data", check);
            done();
          }
        };
        watcher.stdout.on("data", check);
        watcher.once("exit", (code) => fail(new Error(`tspc --watch exited with ${code}:\n${log}`)));
        check();
      });
    try {
      await builds(1);
      expect(log).toContain("Found 0 errors.");
      expectLowered(project.read("out/steps.js"));
      let r = await project.node("out/main.js");
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual(SAMPLE_OUTPUT);

      const source = join(project.dir, "src/steps.ts");
      writeFileSync(source, readFileSync(source, "utf8").replace("return x * 2;", "return x * 3;"));
      await builds(2);
      expect(log).not.toMatch(/error TS/);
      const js = project.read("out/steps.js");
      expect(js).toContain("x * 3");
      expectLowered(js);
      r = await project.node("out/main.js", { DISPATCH_SUSPEND_EVERY_AWAIT: "1" });
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual(EDITED_OUTPUT);
    } finally {
      watcher.kill();
    }
  }, 300_000);
});
