// End to end as a user meets it: a project compiled with the real `tspc`, whose entry module
// runs a workflow with top-level `await dispatch.run(...)` on the embedded file store. It holds
// instances of a class of the entry module and of a class of a plain module (no durable code),
// a reference to a plain module's singleton, and a Map across durable awaits, fans out with
// Promise.all over durable calls and over async arrows awaiting them, retries, and sleeps: every suspension goes through bytes.
import { afterAll, beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { ABI } from "../../runtime/abi.js";
import { assertBuilt, createTempProject, ROOT, type RunResult, type TempProject } from "./support/temp-project.js";

let project: TempProject;
let compile: RunResult;

beforeAll(async () => {
  assertBuilt();
  project = createTempProject({ sources: join(ROOT, "test/e2e/user-app-project/src"), type: "module" });
  project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext" });
  compile = await project.tspc();
}, 120_000);

afterAll(() => project?.remove());

it("registers a plain module's bindings without lowering anything in it", () => {
  const models = project.read("out/models.js");
  expect(models).toContain(`$rt.module("models.ts", ${ABI})`);
  expect(models).toContain("$m.refs({ User })");
  expect(models).toContain("$m.refs({ Admin })");
  expect(models).not.toContain("$rt.enter(");
});

it("compiles clean and runs to the native result through the embedded scheduler", async () => {
  expect(compile.code, compile.stdout + compile.stderr).toBe(0);
  const run = await project.node("out/app.js", { DISPATCH_QUIET: "" });
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({
    seen: [
      [0, 2],
      [1, 4],
      [2, 6],
    ],
    fanned: [202, 204, 206],
    settled: ["fulfilled", "fulfilled"],
    pairs: [
      [1, 402],
      [2, 404],
      [3, 406],
    ],
    label: "a1:12",
    isAccount: true,
    admin: ["hi ada", true, 3, ["ops"]],
    sameConfig: true,
  });
  // Every durable await was a real suspension and resume, and the retries were the scheduler's (the sleep counts as a call).
  // At least one resume per sequential await and per combinator; results that arrive apart take more.
  const summary = /dispatch: workflow succeeded in .*: 13 calls \(13 succeeded\), 6 retries, (\d+) resumes/.exec(run.stderr);
  expect(summary, run.stderr).not.toBeNull();
  expect(Number(summary![1])).toBeGreaterThanOrEqual(7);
}, 60_000);
