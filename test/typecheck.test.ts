// The repository type-checks as a whole (`npm run typecheck`: tsconfig.json covers the runtime,
// the transformer, the tests, the fixtures and the goldens' inputs), so that a fixture or a test
// whose types went wrong fails CI instead of waiting for someone to run the script.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

describe("the repository", () => {
  it("type-checks with tsconfig.json", () => {
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.json"), "--noEmit"], { cwd: ROOT, encoding: "utf8", timeout: 240_000 });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 300_000);
});
