// Durable functions over HTTP between real processes on 127.0.0.1: the
// scheduler server (`dispatch-ts serve`) in one, an endpoint serving a compiled
// module in another, which only accepts requests signed with the scheduler's
// key. Calls enter through DispatchService.Dispatch like any client's.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { caller } from "./support/calls.js";
import { compileFunctions, Processes, ROOT, startEndpoint, startScheduler } from "./support/processes.js";

const WORK = join(ROOT, ".cache", `server-http-${process.pid}`);
const procs = new Processes();
let functions: string;
let n = 0;

beforeAll(() => {
  functions = compileFunctions(WORK);
});
afterEach(() => procs.killAll());
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

async function setUp() {
  const scheduler = await startScheduler(procs, join(WORK, `store-${++n}`));
  const endpoint = await startEndpoint(procs, functions, {
    DISPATCH_VERIFICATION_KEY: scheduler.verificationKey,
    DISPATCH_API_URL: scheduler.url,
    DISPATCH_API_KEY: scheduler.apiKey,
  });
  return { scheduler, endpoint, call: caller(scheduler) };
}

describe("durable functions between a scheduler process and an endpoint process", () => {
  it("greet and echo", async () => {
    const { endpoint, call } = await setUp();
    const value = { text: "héllo", n: 1.5, list: [true, null, "x"], nested: { deep: [1, 2, 3] } };
    const [greetId, echoId] = await call.dispatch(endpoint.url, [
      { fn: "greet", args: ["Ada"] },
      { fn: "echo", args: [value] },
    ]);
    expect(await call.result(greetId!)).toBe("Hello, Ada!");
    expect(await call.result(echoId!)).toEqual(value);
  }, 30_000);

  it("nested calls: a function awaiting another, one child per poll", async () => {
    const { endpoint, call } = await setUp();
    const [id] = await call.dispatch(endpoint.url, [{ fn: "greetAll", args: [["Ada", "Grace", "Barbara"]] }]);
    expect(await call.result(id!)).toEqual(["Hello, Ada!", "Hello, Grace!", "Hello, Barbara!"]);
    const details = await call.admin.details(id!);
    expect(details).toMatchObject({ status: "succeeded", step: 3 });
    expect(details!.children.map((c) => [c.function, c.status, c.output])).toEqual([
      ["greet", "succeeded", "'Hello, Ada!'"],
      ["greet", "succeeded", "'Hello, Grace!'"],
      ["greet", "succeeded", "'Hello, Barbara!'"],
    ]);
  }, 30_000);

  it("a distributed merge sort of [], [1], [1, 5] and 10 values", async () => {
    const { endpoint, call } = await setUp();
    const inputs = [[], [1], [1, 5], [9, -3, 7.5, 0, 42, 7.5, -100, 3, 8, 1]];
    const ids = await call.dispatch(
      endpoint.url,
      inputs.map((values) => ({ fn: "mergeSort", args: [values] })),
    );
    const sorted = await Promise.all(ids.map((id) => call.result(id)));
    expect(sorted).toEqual(inputs.map((values) => [...values].sort((a, b) => a - b)));
    // 10 values: every call but the leaves gathers two children.
    const all = await call.admin.list({ all: true, limit: 1000 });
    expect(all.filter((c) => c.rootId === ids[3]).length).toBe(19);
    expect(all.every((c) => c.status === "succeeded")).toBe(true);
  }, 30_000);

  it("a call started and never awaited reaches the scheduler through the Dispatch API, as a root call", async () => {
    const { endpoint, call } = await setUp();
    const [id] = await call.dispatch(endpoint.url, [{ fn: "fireAndForget", args: ["Linus"] }]);
    expect(await call.result(id!)).toBe("fired");
    const roots = await call.admin.list();
    const greet = roots.find((c) => c.function === "greet");
    expect(greet).toMatchObject({ endpoint: endpoint.url });
    expect(greet?.parentId).toBeUndefined();
    expect(await call.result(greet!.id)).toBe("Hello, Linus!");
  }, 30_000);

  it("a function that throws fails its call with its error, not an HTTP error", async () => {
    const { endpoint, call } = await setUp();
    const [id] = await call.dispatch(endpoint.url, [{ fn: "fails", args: ["on purpose"] }]);
    await expect(call.result(id!)).rejects.toThrow("on purpose");
    expect(await call.admin.details(id!)).toMatchObject({ status: "failed", attempt: 1, lastError: { type: "PermanentError", message: "on purpose" } });
  }, 30_000);

  it("an endpoint that trusts another key refuses the scheduler's requests: PERMISSION_DENIED, not retried", async () => {
    const scheduler = await startScheduler(procs, join(WORK, `store-${++n}`));
    const other = "A".repeat(43) + "=";
    const endpoint = await startEndpoint(procs, functions, { DISPATCH_VERIFICATION_KEY: other });
    const call = caller(scheduler);
    const [id] = await call.dispatch(endpoint.url, [{ fn: "greet", args: ["Eve"] }]);
    await expect(call.result(id!)).rejects.toThrow(
      `PERMISSION_DENIED: cannot run function 'greet' at ${endpoint.url}: permission_denied: cannot verify request signature: the signature does not match the request`,
    );
    expect(await call.admin.details(id!)).toMatchObject({ status: "failed", attempt: 1 });
  }, 30_000);
});
