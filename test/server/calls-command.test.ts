// `dispatch-ts calls` and `dispatch-ts show` as a user sees them: from the
// running scheduler server (admin routes, found through the folder), and from
// the store itself once the server is gone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { caller } from "./support/calls.js";
import { CLI, compileFunctions, Processes, ROOT, startEndpoint, startScheduler, STATE_KEY } from "./support/processes.js";

const WORK = join(ROOT, ".cache", `server-calls-${process.pid}`);
const procs = new Processes();
let functions: string;
let n = 0;

beforeAll(() => {
  functions = compileFunctions(WORK);
});
afterEach(() => procs.killAll());
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

const cli = (...args: string[]) => procs.run(process.execPath, [CLI, ...args]);
const TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
const DURATION = "\\d+(?: ms|\\.\\d s)";

async function scenario() {
  const dir = join(WORK, `store-${++n}`);
  const scheduler = await startScheduler(procs, dir);
  const endpoint = await startEndpoint(procs, functions, { DISPATCH_VERIFICATION_KEY: scheduler.verificationKey });
  const call = caller(scheduler);
  const [greetId, sortId, failsId] = await call.dispatch(endpoint.url, [
    { fn: "greet", args: ["Ada"] },
    { fn: "mergeSort", args: [[3, 1, 2]] },
    { fn: "fails", args: ["on purpose"] },
  ]);
  await call.result(greetId!);
  await call.result(sortId!);
  await call.result(failsId!).catch(() => undefined);
  return { dir, scheduler, ids: { greetId: greetId!, sortId: sortId!, failsId: failsId! } };
}

function expectCallsTable(stdout: string, ids: { greetId: string; sortId: string; failsId: string }): void {
  const lines = stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^ID {25}FUNCTION {3}STATUS {5}ATTEMPTS {2}STEPS {2}CREATED {14}DURATION$/);
  // Dispatched in one request: the same creation time, so any order.
  expect(lines.slice(1).map((l) => l.split(/\s+/)[0]).sort()).toEqual([ids.greetId, ids.sortId, ids.failsId].sort());
  const row = (id: string) => lines.find((l) => l.startsWith(id))!;
  expect(row(ids.greetId)).toMatch(new RegExp(`^${ids.greetId}  greet      succeeded  1         0      ${TIME}  ${DURATION}$`));
  // Two runs: the one that polled and the one that returned.
  expect(row(ids.sortId)).toMatch(new RegExp(`^${ids.sortId}  mergeSort  succeeded  2         1      ${TIME}  ${DURATION}$`));
  expect(row(ids.failsId)).toMatch(new RegExp(`^${ids.failsId}  fails      failed     1         0      ${TIME}  ${DURATION}$`));
}

describe("dispatch-ts calls and show", () => {
  it("lists root calls from the running server, and from the store once it stopped", async () => {
    const { dir, scheduler, ids } = await scenario();
    const live = await cli("calls", "--dir", dir);
    expect(live.stderr).toBe("");
    expectCallsTable(live.stdout, ids);
    expect(live.code).toBe(0);

    const failed = await cli("calls", "--dir", dir, "--status", "failed");
    expect(failed.stdout.trimEnd().split("\n").slice(1).map((l) => l.split(/\s+/)[0])).toEqual([ids.failsId]);

    scheduler.started.child.kill("SIGTERM");
    expect((await scheduler.started.exited).code).toBe(0);
    const offline = await cli("calls", "--dir", dir);
    expectCallsTable(offline.stdout, ids);
    const all = await cli("calls", "--dir", dir, "--all");
    // The header, three roots, and the four calls under mergeSort([3, 1, 2]).
    expect(all.stdout.trimEnd().split("\n").length).toBe(1 + 3 + 4);
  }, 30_000);

  it("shows a call with its children, and a failed call with its error", async () => {
    const { dir, ids } = await scenario();
    const sort = await cli("show", ids.sortId, "--dir", dir);
    expect(sort.stdout).toMatch(
      new RegExp(
        [
          `^call ${ids.sortId} mergeSort`,
          "  status      succeeded",
          "  attempts    2 \\(1 poll so far\\)",
          "  endpoint    http://127\\.0\\.0\\.1:\\d+",
          `  created     ${TIME}`,
          `  finished    ${TIME} \\(after ${DURATION}\\)`,
          "  output      \\[ 1, 2, 3 \\]",
          "",
          "children: 2",
          `  ID {25}FUNCTION {3}STATUS {5}ATTEMPTS  STEPS  CREATED {14}DURATION`,
          `  \\w{25}  mergeSort  succeeded  1         0      ${TIME}  ${DURATION}`,
          `  \\w{25}  mergeSort  succeeded  2         1      ${TIME}  ${DURATION}\n$`,
        ].join("\n"),
      ),
    );
    const fails = await cli("show", ids.failsId, "--dir", dir);
    expect(fails.stdout).toContain("\n  last error  PermanentError: on purpose\n");
    const json = JSON.parse((await cli("show", ids.failsId, "--dir", dir, "--json")).stdout);
    expect(json).toMatchObject({ id: ids.failsId, function: "fails", status: "failed", error: { type: "PermanentError", message: "on purpose" }, children: [] });
  }, 30_000);

  it("decodes the suspended stack of a waiting call with the application's module and state key", async () => {
    const { dir, scheduler } = await scenario();
    const endpointUrl = (await caller(scheduler).admin.list({ limit: 1 }))[0]!.endpoint;
    const call = caller(scheduler);
    const [id] = await call.dispatch(endpointUrl, [{ fn: "nap", args: ["Ada"] }]);
    for (let c = await call.admin.details(id!); c?.status !== "waiting"; c = await call.admin.details(id!)) await new Promise((r) => setTimeout(r, 25));
    const shown = await procs.run(process.execPath, [CLI, "show", id!, "--dir", dir, "--import", functions], { env: { DISPATCH_STATE_KEY: STATE_KEY } });
    expect(shown.stderr).toBe("");
    expect(shown.stdout).toMatch(/\n  state       \d+ bytes\n/);
    expect(shown.stdout).toMatch(
      /\nsuspended stack: 1 frame\n  nap \(test\/server\/programs\/functions\.ts:\d+\) awaiting dispatch_ts\.sleep \(call 1\)\n    label = 'Ada'\n    note = 'Ada is napping'\n$/,
    );
    const wrongKey = await procs.run(process.execPath, [CLI, "show", id!, "--dir", dir, "--import", functions], { env: { DISPATCH_STATE_KEY: "22".repeat(32) } });
    expect(wrongKey.stdout).toMatch(/\nsuspended stack: cannot decode: cannot resume: cannot open state: authentication failed \(tampered state or wrong key\)\n$/);
    // A waiting call shows the run it made (its next step has not started) and its poll.
    const listed = await cli("calls", "--dir", dir);
    expect(listed.stdout).toMatch(new RegExp(`^${id}  nap\\s+waiting\\s+1\\s+1\\s+${TIME}  ${DURATION}$`, "m"));
    const hint = await cli("show", id!, "--dir", dir);
    expect(hint.stdout).toMatch(/\n  state       \d+ bytes \(--import MODULE decodes the suspended stack\)\n/);
  }, 30_000);

  it("cancels a waiting call, whose finally still runs: through the server, and in the store when none runs", async () => {
    const { dir, scheduler } = await scenario();
    const call = caller(scheduler);
    const endpointUrl = (await call.admin.list({ limit: 1 }))[0]!.endpoint;
    const [live, offline] = await call.dispatch(endpointUrl, [
      { fn: "guarded", args: ["live"] },
      { fn: "guarded", args: ["offline"] },
    ]);
    for (const id of [live!, offline!]) {
      for (let c = await call.admin.details(id); c?.status !== "waiting"; c = await call.admin.details(id)) await new Promise((r) => setTimeout(r, 25));
    }
    expect(await cli("cancel", live!, "--dir", dir)).toEqual({
      code: 0,
      stdout: `cancelled call ${live}: the calls waiting in it run their catch/finally, then it ends cancelled\n`,
      stderr: "",
    });
    await expect(call.result(live!)).rejects.toThrow("cannot finish call: it was cancelled");
    const childrenOf = async (id: string) => (await call.admin.details(id))!.children.map((c) => `${c.function}: ${c.status}`);
    expect(await childrenOf(live!)).toEqual(["dispatch_ts.sleep: cancelled", "greet: succeeded"]);
    expect(await cli("cancel", live!, "--dir", dir)).toEqual({ code: 1, stdout: "", stderr: `dispatch-ts: cannot cancel call ${live}: it already finished\n` });
    expect(await cli("cancel", "nope", "--dir", dir)).toEqual({ code: 1, stdout: "", stderr: "dispatch-ts: cannot cancel call nope: no such call\n" });

    // No server: the cancellation is written to the store; the next scheduler runs the finally.
    scheduler.started.child.kill("SIGTERM");
    expect((await scheduler.started.exited).code).toBe(0);
    expect(await cli("cancel", offline!, "--dir", dir)).toEqual({
      code: 0,
      stdout: `cancelled call ${offline}: no scheduler runs on ${dir}; the calls waiting in it run their catch/finally when one starts\n`,
      stderr: "",
    });
    const restarted = caller(await startScheduler(procs, dir));
    await expect(restarted.result(offline!)).rejects.toThrow("cannot finish call: it was cancelled");
    expect((await restarted.admin.details(offline!))!.children.map((c) => `${c.function}: ${c.status}`)).toEqual(["dispatch_ts.sleep: cancelled", "greet: succeeded"]);
  }, 30_000);

  it("reports an unknown call, a bad status and a folder without a store", async () => {
    const { dir } = await scenario();
    expect(await cli("show", "nope", "--dir", dir)).toEqual({ code: 1, stdout: "", stderr: "dispatch-ts: cannot show call nope: no such call\n" });
    expect(await cli("calls", "--dir", dir, "--status", "done")).toEqual({
      code: 2,
      stdout: "",
      stderr: 'dispatch-ts: cannot parse arguments: --status must be one of queued, running, waiting, succeeded, failed, cancelled, got "done" (see dispatch-ts --help)\n',
    });
    const empty = join(WORK, "empty");
    expect(await cli("calls", "--dir", empty)).toEqual({
      code: 1,
      stdout: "",
      stderr: `dispatch-ts: cannot list calls: no store in ${empty}; start a scheduler with dispatch-ts serve --dir ${empty}, or pass --dir\n`,
    });
  }, 30_000);
});
