// End to end for `@dispatch.function` / `@dispatch.durable` on async methods: the same project
// compiled with the real `tspc` under standard decorators and under `experimentalDecorators`,
// then run with top-level `await dispatch.run(...)` on the embedded scheduler (every durable
// call is a real suspension and resume through bytes). The native run is the oracle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { parseManifest } from "../../runtime/manifest/index.js";
import { assertBuilt, createTempProject, ROOT, type RunResult, type TempProject } from "./support/temp-project.js";

const EXPECTED = [{ handled: "svc:user1+user2", helped: "user1!", total: 6, added: 16 }, "svc:user7+user8"];

for (const mode of ["standard", "experimentalDecorators"] as const) {
  describe(`${mode} decorators`, () => {
    let project: TempProject;
    let compile: RunResult;

    beforeAll(async () => {
      assertBuilt();
      project = createTempProject({ sources: join(ROOT, "test/e2e/decorators-project/src"), type: "module" });
      project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", ...(mode === "experimentalDecorators" ? { experimentalDecorators: true } : {}) });
      compile = await project.tspc();
    }, 120_000);

    afterAll(() => project?.remove());

    it("type-checks, compiles clean and runs durably to the native result", async () => {
      expect(compile.code, compile.stdout + compile.stderr).toBe(0);
      const durable = await project.node("out/app.js", { DISPATCH_QUIET: "" });
      expect(durable.code, durable.stderr).toBe(0);
      expect(durable.stdout.trim().split("\n").map((l) => JSON.parse(l))).toEqual(EXPECTED);
      // Every durable call of the tree (the 4 method calls of main, and the fetchName calls of the
      // methods and of the helper method) suspended its caller, which resumed from bytes.
      expect(durable.stderr).toMatch(/dispatch: main succeeded in [^\n]*: 9 calls \(9 succeeded\), 0 retries, 8 resumes/);
      expect(durable.stderr).toMatch(/dispatch: Service.handle succeeded in [^\n]*: 3 calls \(3 succeeded\), 0 retries, 2 resumes/);
      const native = await project.node("out/app.js", { DISPATCH_NATIVE: "1", DISPATCH_QUIET: "1" });
      expect(native.code, native.stderr).toBe(0);
      expect(native.stdout.trim().split("\n").map((l) => JSON.parse(l))).toEqual(EXPECTED);
    }, 60_000);

    it("records the decorated methods in the manifest with their wire names and pins", () => {
      const manifest = parseManifest(project.read("dispatch-manifest.json"), "dispatch-manifest.json");
      const frames = manifest.frames.filter((f) => /#(Service|Counter)\./.test(f.id)).map((f) => [f.id, f.kind, f.wireName, f.pinned ? f.version : "unpinned"]);
      expect(frames).toEqual([
        ["app.ts#Counter.add", "function", "Counter.add", "unpinned"],
        ["app.ts#Service.handle", "function", "Service.handle", "unpinned"],
        ["app.ts#Service.helper", "helper", undefined, "unpinned"],
        ["app.ts#Service.total", "function", "Service.total", "v1"],
      ]);
    });
  });
}
