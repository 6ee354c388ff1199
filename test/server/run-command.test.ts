// `dispatch-ts run -- node app.mjs` end to end: the CLI starts a scheduler
// server, the application serves its functions with the variables the CLI set
// and runs calls through it with dispatch.run; the application's exit code
// and the signals sent to the CLI pass through.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { CLI, compileFunctions, PROGRAMS, Processes, ROOT } from "./support/processes.js";

const WORK = join(ROOT, ".cache", `server-run-${process.pid}`);
const procs = new Processes();
let functions: string;
let n = 0;

beforeAll(() => {
  functions = compileFunctions(WORK);
});
afterEach(() => procs.killAll());
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

const app = (dir: string, env: Record<string, string> = {}) =>
  procs.run(process.execPath, [CLI, "run", "--dir", dir, "--", process.execPath, join(PROGRAMS, "app.mjs"), functions], { env });

describe("dispatch-ts run", () => {
  it("runs the application against its own scheduler and exits with its code", async () => {
    const dir = join(WORK, `store-${++n}`);
    const r = await app(dir);
    expect(r.stdout).toBe("sorted [1,3,4,5,9]\ncaught PermanentError: on purpose\n");
    expect(r.stderr).toMatch(/^dispatch-ts: scheduler on http:\/\/127\.0\.0\.1:\d+, endpoint http:\/\/127\.0\.0\.1:\d+, store .*store-1\n/);
    expect(r.stderr).toMatch(/dispatch-ts: call \w+ fails: failed: PermanentError: on purpose\n/);
    expect(r.code).toBe(0);
    const again = await app(dir, { APP_EXIT_CODE: "3" });
    expect(again.code).toBe(3);
  }, 30_000);

  it("forwards SIGTERM to the application and exits as a shell reports a signal", async () => {
    const dir = join(WORK, `store-${++n}`);
    const p = await procs.start(process.execPath, [CLI, "run", "--dir", dir, "--", process.execPath, join(PROGRAMS, "app.mjs"), functions], {
      env: { APP_WAIT: "1" },
      waitFor: /waiting for a signal\n/,
    });
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual({ code: 128 + 15, signal: null });
  }, 30_000);

  it("reports a command that does not exist", async () => {
    const r = await procs.run(process.execPath, [CLI, "run", "--dir", join(WORK, `store-${++n}`), "--", "no-such-command-xyz"]);
    expect(r.stderr).toMatch(/dispatch-ts: cannot run no-such-command-xyz: command not found\n$/);
    expect(r.code).toBe(127);
  }, 30_000);

  it("needs a command after --", async () => {
    const r = await procs.run(process.execPath, [CLI, "run", "node", "app.js"]);
    expect(r.stderr).toBe('dispatch-ts: cannot parse arguments: "run" needs a command after --, e.g. dispatch-ts run -- node app.js (see dispatch-ts --help)\n');
    expect(r.code).toBe(2);
  }, 30_000);
});
