// A suspended call's state leaves one endpoint process and resumes in
// another: the first process answers a Poll (a 2 s timer) and is killed; a
// second process on the same address, with the same DISPATCH_STATE_KEY, gets
// the resume from the scheduler and finishes the call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { caller, type Caller } from "./support/calls.js";
import { compileFunctions, Processes, ROOT, startEndpoint, startScheduler } from "./support/processes.js";

const WORK = join(ROOT, ".cache", `server-resume-${process.pid}`);
const procs = new Processes();
let functions: string;
let n = 0;

beforeAll(() => {
  functions = compileFunctions(WORK);
});
afterEach(() => procs.killAll());
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

async function waitForPoll(call: Caller, id: string): Promise<void> {
  const deadline = Date.now() + 30_000; // generous: a loaded 2-core machine starts processes slowly
  for (;;) {
    const c = await call.admin.details(id);
    if (c?.status === "waiting" && c.step >= 1) return;
    if (Date.now() > deadline) throw new Error(`call ${id} did not poll within 30 s: ${JSON.stringify(c)}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Starts `migrate` in a first endpoint process and kills it once the call is suspended. */
async function suspendInFirstProcess() {
  const scheduler = await startScheduler(procs, join(WORK, `store-${++n}`));
  const env = { DISPATCH_VERIFICATION_KEY: scheduler.verificationKey };
  const first = await startEndpoint(procs, functions, { ...env, WORKER_NAME: "one" });
  const call = caller(scheduler);
  const [id] = await call.dispatch(first.url, [{ fn: "migrate", args: ["Ada"] }]);
  await waitForPoll(call, id!);
  first.started.child.kill("SIGKILL");
  await first.started.exited;
  return { call, id: id!, env, addr: first.url.replace("http://", "") };
}

describe("state that leaves one endpoint process", () => {
  it("resumes in another process with the same state key", async () => {
    const { call, id, env, addr } = await suspendInFirstProcess();
    await startEndpoint(procs, functions, { ...env, WORKER_NAME: "two", DISPATCH_ENDPOINT_ADDR: addr });
    expect(await call.result(id, 20_000)).toEqual({ greeting: "Hello, Ada!", startedIn: "one", finishedIn: "two" });
    const details = await call.admin.details(id);
    expect(details).toMatchObject({ status: "succeeded", step: 2 });
    expect(details!.children.map((c) => [c.function, c.status])).toEqual([
      ["dispatch_ts.sleep", "succeeded"],
      ["greet", "succeeded"],
    ]);
  }, 30_000);

  it("fails for good in a process with another state key: the state cannot be opened", async () => {
    const { call, id, env, addr } = await suspendInFirstProcess();
    await startEndpoint(procs, functions, { ...env, WORKER_NAME: "two", DISPATCH_ENDPOINT_ADDR: addr, DISPATCH_STATE_KEY: "22".repeat(32) });
    await expect(call.result(id, 20_000)).rejects.toThrow("cannot resume: cannot open state: authentication failed (tampered state or wrong key)");
    expect(await call.admin.details(id)).toMatchObject({ status: "failed", step: 1 });
  }, 30_000);
});
