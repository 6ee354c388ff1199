// A user's vitest project (test/e2e/vitest-project) whose vitest.config uses
// the Vite plugin dispatch-ts/vite: `vitest run` in that project runs its
// durable code transformed (its spec checks that state went through bytes at
// each durable call, that injected failures are retried, and that stack
// traces name the original line). The project is copied next to a
// node_modules/dispatch-ts link, as installed, and vitest runs in a child
// process, as a user would start it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { assertBuilt, createTempProject, ROOT, type RunResult, type TempProject } from "./support/temp-project.js";

const VITEST = join(ROOT, "node_modules/vitest/vitest.mjs");
let project: TempProject;
let result: RunResult;

function vitestRun(cwd: string): Promise<RunResult> {
  // The outer vitest's own variables would make the inner one think it is a worker of ours.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [VITEST, "run"], { cwd, env: { ...env, NO_COLOR: "1", DISPATCH_NATIVE: "", DISPATCH_SUSPEND_EVERY_AWAIT: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  assertBuilt();
  project = createTempProject({ sources: join(ROOT, "test/e2e/vitest-project"), type: "module", whole: true });
  result = await vitestRun(project.dir);
}, 120_000);

afterAll(() => project?.remove());

it("vitest runs a user's durable code through dispatch-ts/vite and its tests pass", () => {
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toMatch(/Tests\s+3 passed \(3\)/);
});
