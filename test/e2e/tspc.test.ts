// End to end through the real `tspc` binary: a user project whose tsconfig
// lists `{ "transform": "dispatch-ts/transformer" }` compiles to ES modules and
// to CommonJS, the emitted JavaScript is the lowered form, the declarations
// keep the functions' types, and the compiled program prints what native
// async code prints, also when every await is a round trip through bytes.
//
// Slow on purpose (each compile starts a TypeScript program, ~6-8 s on 2
// cores), so both builds run in parallel once, in beforeAll.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { assertBuilt, createTempProject, ROOT, type RunResult, type TempProject } from "./support/temp-project.js";

const SOURCES = join(ROOT, "test/e2e/sample-project/src");

// What the sample prints natively: the loop of helper awaits, the finally once
// per call (on return and on throw), the value returned through two helpers.
const EXPECTED = {
  ok: { sum: 12, scaled: 120 },
  failure: "RangeError: over 100",
  lines: ["+1 -> 2", "+2 -> 6", "+3 -> 12", "finally at 12", "+40 -> 80", "+50 -> 180", "finally at 180"],
};

interface Build {
  project: TempProject;
  compile: RunResult;
}


const builds: Record<"esm" | "cjs", Build> = {} as never;

function compileOutput(b: Build): string {
  return `tspc exited with ${b.compile.code}\n${b.compile.stdout}${b.compile.stderr}`;
}

beforeAll(async () => {
  assertBuilt();
  // ESM: the project is "type": "module" and NodeNext emits `import`.
  const esm = createTempProject({ sources: SOURCES, type: "module" });
  esm.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", declaration: true });
  // CommonJS: the project is "type": "commonjs" and NodeNext emits `require`;
  // the runtime stays an ES module, loaded through require(esm) (Node >= 20.19).
  const cjs = createTempProject({ sources: SOURCES, type: "commonjs" });
  cjs.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", declaration: true });
  const [e, c] = await Promise.all([esm.tspc(), cjs.tspc()]);
  builds.esm = { project: esm, compile: e };
  builds.cjs = { project: cjs, compile: c };
}, 120_000);

afterAll(() => {
  for (const b of Object.values(builds)) b?.project.remove();
});

describe.each(["esm", "cjs"] as const)("tspc with the dispatch-ts plugin (%s output)", (format) => {
  it("compiles without diagnostics", () => {
    const b = builds[format];
    expect(b.compile.code, compileOutput(b)).toBe(0);
    expect(b.compile.stdout + b.compile.stderr).toBe("");
  });

  it("emits the lowered state machine, not the original async bodies", () => {
    const steps = builds[format].project.read("out/steps.js");
    const scale = builds[format].project.read("out/scale.js");
    for (const js of [steps, scale]) {
      expect(js).toContain("$rt.enter(");
      expect(js).toContain("switch ($f.$pc)");
      expect(js).toContain("$rt.w($k, $f.$a)");
    }
    // The directive stays a directive, and one descriptor per helper is registered.
    expect(steps).toMatch(/^("use strict";\s*)?"use durable";/);
    expect(steps).toContain('"name":"double"');
    expect(steps).toContain('"name":"total"');
    expect(scale).toContain("$rt.helper(");
    if (format === "esm") expect(steps).toContain('import * as $rt from "dispatch-ts/internal"');
    else expect(steps).toMatch(/require\("dispatch-ts\/internal"\)/);
  });

  it("keeps the functions' types in the .d.ts", () => {
    const steps = builds[format].project.read("out/steps.d.ts");
    const scale = builds[format].project.read("out/scale.d.ts");
    expect(steps).toContain("export declare function double(x: number): Promise<number>;");
    expect(steps).toContain("export declare function total(xs: number[], limit: number): Promise<number>;");
    expect(scale.replace(/\s+/g, " ")).toContain("export declare const scaled: (xs: number[], factor?: number) => Promise<{ sum: number; scaled: number; }>;");
    expect(steps + scale).not.toContain("$rt");
  });

  // CommonJS output loads the ES-module runtime
  // through require(esm), which Node enables by default from 20.19 on.
  if (format === "cjs") {
    it("loads the ES-module runtime from CommonJS output (require(esm))", async () => {
      const project = builds.cjs.project;
      // the same require the emitted code makes: const $rt = __importStar(require("dispatch-ts/internal"))
      project.write("probe.cjs", 'const rt = require("dispatch-ts/internal"); console.log(typeof rt.enter, typeof rt.helper);\n');
      const r = await project.node("probe.cjs");
      expect(r.stderr).toBe("");
      expect(r.stdout.trim()).toBe("function function");
    });
  }

  it("runs and prints what native async code prints", async () => {
    const r = await builds[format].project.node("out/main.js");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(EXPECTED);
  });

  it("prints the same when every await is a round trip through bytes", async () => {
    const r = await builds[format].project.node("out/main.js", { DISPATCH_SUSPEND_EVERY_AWAIT: "1" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(EXPECTED);
  });
});
