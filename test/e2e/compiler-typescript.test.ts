// Under tspc the plugin builds its syntax with the compiler's own TypeScript
// (ts-patch's extras.ts), not with the copy that `require("typescript")` finds
// (transformer/compiler-typescript.ts). A probe plugin in the user project wraps
// dispatch-ts's and records, for the nodes of the lowered output, which
// instance's factory made them: nodes of one TypeScript have their own node
// constructors. The build must also stay the one users get: same output, no
// diagnostics, and a program that runs.
import { afterAll, beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { assertBuilt, createTempProject, ROOT, type RunResult, type TempProject } from "./support/temp-project.js";

// produces: probe.json  { made: <identifiers made by the compiler's TypeScript>, other: <by another copy>, same: <is extras.ts the copy require() finds> }
const PROBE = `
const plugin = require("dispatch-ts/transformer");
const { writeFileSync } = require("node:fs");
module.exports = (program, config, extras) => {
  const make = (plugin.default ?? plugin)(program, config, extras);
  const ts = extras.ts;
  const own = ts.factory.createIdentifier("x").constructor;
  const counts = { made: 0, other: 0, same: ts === require(require.resolve("typescript", { paths: [require.resolve("dispatch-ts/transformer")] })) };
  return (context) => {
    const transform = make(context);
    return (sf) => {
      const out = transform(sf);
      const walk = (n) => {
        if (ts.isIdentifier(n) && n.pos === -1 && n.text.startsWith("$")) {
          if (n.constructor === own) counts.made++; else counts.other++;
        }
        ts.forEachChild(n, walk);
      };
      walk(out);
      writeFileSync("probe.json", JSON.stringify(counts));
      return out;
    };
  };
};
`;

let project: TempProject;
let build: RunResult;

beforeAll(async () => {
  assertBuilt();
  project = createTempProject({ sources: join(ROOT, "test/e2e/sample-project/src"), type: "commonjs" });
  project.write("probe-plugin.cjs", PROBE);
  project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", plugins: [{ transform: "./probe-plugin.cjs" }] });
  build = await project.tspc();
}, 120_000);

afterAll(() => project?.remove());

it("builds the lowered code with the compiler's own TypeScript under tspc", () => {
  expect(build.code, build.stdout + build.stderr).toBe(0);
  expect(build.stdout + build.stderr).toBe("");
  const probe = JSON.parse(project.read("probe.json")) as { made: number; other: number; same: boolean };
  // tspc's compiler is its own bundle, not the module require("typescript") loads.
  expect(probe.same).toBe(false);
  expect(probe.other).toBe(0);
  expect(probe.made).toBeGreaterThan(20);
});

it("runs the program built that way", async () => {
  const run = await project.node("out/main.js");
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).lines).toContain("finally at 180");
});
