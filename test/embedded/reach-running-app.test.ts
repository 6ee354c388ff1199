// Reaching an application while its embedded scheduler runs: `dispatch.run` holds the folder's
// lock, so other processes go through the loopback admin server it names in server.json. The
// CLI lists its calls and sends events; dispatch.sendEvent in another program is forwarded there
// (the payload through the codec, so a Date stays a Date). With no process on the folder, the
// CLI writes to the store and the next run resumes the waiter.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSource } from "../../transformer/transform-source.js";
import { CLI, Processes, ROOT } from "../server/support/processes.js";

const WORK = join(ROOT, ".cache", `reach-app-${process.pid}`);
const SOURCE = join(ROOT, "test/embedded/programs/approvals.ts");
const APP = join(WORK, "approvals.mjs");
const procs = new Processes();
let n = 0;

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  const r = transformSource(readFileSync(SOURCE, "utf8"), { fileName: SOURCE, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  writeFileSync(APP, r.code);
});
afterEach(() => procs.killAll());
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

const cli = (...args: string[]) => procs.run(process.execPath, [CLI, ...args]);
const startApp = (dir: string, ...orders: string[]) => procs.start(process.execPath, [join(ROOT, "test/embedded/run-approvals.mjs"), APP, dir, ...orders]);
const startReportingApp = (dir: string, ...orders: string[]) =>
  procs.start(process.execPath, [join(ROOT, "test/embedded/run-approvals.mjs"), APP, dir, ...orders], { env: { REPORT: "1" } });

/** Polls `dispatch-ts calls` until `count` approvals wait (bounded: a stuck app fails the test). */
async function waitingApprovals(dir: string, count: number): Promise<string> {
  let last = "";
  for (let i = 0; i < 150; i++) {
    const r = await cli("calls", "--dir", dir, "--status", "waiting");
    last = `${r.stdout}${r.stderr}`;
    if (r.code === 0 && r.stdout.split("\n").filter((l) => /\bapproval\b/.test(l)).length === count) return r.stdout;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the approvals never waited; last answer of dispatch-ts calls:\n${last}`);
}

describe("reaching an application that runs the embedded scheduler", () => {
  it("the CLI lists its calls and sends it an event; another program's dispatch.sendEvent reaches it too", async () => {
    const dir = join(WORK, `store-${++n}`);
    const app = await startApp(dir, "o1", "o2");
    const table = await waitingApprovals(dir, 2);
    expect(table).toMatch(/^ID +FUNCTION +STATUS/);
    // The key lives in an owner-only file: only this user's processes reach the app.
    expect(statSync(join(dir, "server.json")).mode & 0o777).toBe(0o600);

    const sent = await cli("send-event", "approve-o1", '{"by":"bob"}', "--dir", dir);
    expect(sent).toEqual({ code: 0, stdout: 'delivered event "approve-o1" to the call waiting on it\n', stderr: "" });
    const program = await procs.run(process.execPath, [join(ROOT, "test/embedded/send-event.mjs"), "approve-o2", "ann"], { env: { DISPATCH_DIR: dir } });
    expect(program).toEqual({ code: 0, stdout: '{"delivered":true}', stderr: "" });

    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(JSON.parse(app.stdout())).toEqual([
      { order: "o1", by: "bob", at: null },
      { order: "o2", by: "ann", at: "2026-01-02T00:00:00.000Z" },
    ]);
    expect(app.stderr()).toBe("");
    // Gone with the run: nobody is sent to a closed port.
    expect(existsSync(join(dir, "server.json"))).toBe(false);
  }, 60_000);

  it("with no process on the folder, an event is kept in the store and the next run takes it at once", async () => {
    const dir = join(WORK, `store-${++n}`);
    mkdirSync(dir, { recursive: true });
    // A first run creates the store; the event for o3 is sent before anyone waits on it.
    const first = await startApp(dir, "o0");
    await waitingApprovals(dir, 1);
    expect((await cli("send-event", "approve-o0", "--dir", dir)).code).toBe(0);
    expect((await first.exited).code).toBe(0);

    expect(await cli("send-event", "approve-o3", '{"by":"cy"}', "--dir", dir)).toEqual({
      code: 0,
      stdout: 'kept event "approve-o3": no call waits on it yet, the first one to wait takes it\n',
      stderr: "",
    });
    const app = await startApp(dir, "o3");
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(JSON.parse(app.stdout())).toEqual([{ order: "o3", by: "cy", at: null }]);
    expect(JSON.parse(first.stdout())).toEqual([{ order: "o0", by: null, at: null }]);
  }, 60_000);

  it("an event sent to a killed application's waiter is stored, and the restarted run resumes with it", async () => {
    const dir = join(WORK, `store-${++n}`);
    const app = await startApp(dir, "o4");
    await waitingApprovals(dir, 1);
    app.child.kill("SIGKILL");
    await app.exited;

    const sent = await cli("send-event", "approve-o4", '{"by":"dee"}', "--dir", dir);
    expect(sent).toEqual({
      code: 0,
      stdout: `delivered event "approve-o4" to the call waiting on it; no scheduler runs on ${dir}, the waiting call resumes when one starts\n`,
      stderr: "",
    });
    const again = await startReportingApp(dir, "o4");
    expect(await again.exited).toEqual({ code: 0, signal: null });
    expect(JSON.parse(again.stdout())).toEqual([{ order: "o4", by: "dee", at: null }]);
    // The waiter was runnable when the scheduler started, so it may finish before dispatch.run
    // looks it up: the line must still say it was continued here, not found finished. (Whether
    // its resume is counted depends on that race: counts start when dispatch.run watches.)
    expect(again.stderr()).toMatch(/^dispatch: approval succeeded in \d+ ms: [12] calls? \([12] succeeded\), 0 retries, [01] resumes? \(continued the unfinished run of an earlier process; counts are this process's\)\n$/);
  }, 60_000);

  it("a payload that is not JSON is refused before anything is sent", async () => {
    const dir = join(WORK, `store-${++n}`);
    expect(await cli("send-event", "approve-o5", "{by: bob}", "--dir", dir)).toEqual({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/^dispatch-ts: cannot send event: the payload is not JSON \(.*\); quote strings as JSON, e\.g\. '"approved"'\n$/),
    });
    expect(existsSync(dir)).toBe(false);
  });
});
