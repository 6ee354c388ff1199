// The scheduler server's HTTP surface, in this process: bearer authentication
// of the Dispatch API and the admin routes, Connect JSON errors, and the
// secrets it keeps in its folder.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import { DispatchRequestSchema } from "../../runtime/gen/dispatch/sdk/v1/dispatch_pb.js";
import { Client } from "../../runtime/http/client.js";
import { AdminClient } from "../../runtime/server/admin-client.js";
import { startSchedulerServer, type SchedulerServer } from "../../runtime/server/scheduler-server.js";
import { readServerFile } from "../../runtime/server/server-file.js";
import { ROOT } from "./support/processes.js";

const WORK = join(ROOT, ".cache", `server-unit-${process.pid}`);
const servers: SchedulerServer[] = [];
let n = 0;

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

async function start(dir = join(WORK, `store-${++n}`)): Promise<SchedulerServer> {
  const s = await startSchedulerServer({ dir, addr: "127.0.0.1:0", apiKey: "secret-key" });
  servers.push(s);
  return s;
}

const dispatchPath = "/dispatch.sdk.v1.DispatchService/Dispatch";
const body = (fn: string) => toBinary(DispatchRequestSchema, create(DispatchRequestSchema, { calls: [{ function: fn, endpoint: "http://127.0.0.1:9" }] }));

async function post(s: SchedulerServer, path: string, headers: Record<string, string>, data: Uint8Array | string = body("greet")) {
  const r = await fetch(s.url + path, { method: "POST", headers: { "content-type": "application/proto", ...headers }, body: data });
  return { status: r.status, type: r.headers.get("content-type"), body: await r.text() };
}

describe("scheduler server: authentication", () => {
  it("answers 401 in Connect JSON without a key or with a wrong one", async () => {
    const s = await start();
    expect(await post(s, dispatchPath, {})).toEqual({
      status: 401,
      type: "application/json",
      body: '{"code":"unauthenticated","message":"cannot authenticate request: no bearer token; send Authorization: Bearer <DISPATCH_API_KEY>"}',
    });
    expect(await post(s, dispatchPath, { authorization: "Bearer wrong-key" })).toEqual({
      status: 401,
      type: "application/json",
      body: '{"code":"unauthenticated","message":"cannot authenticate request: the API key is not valid"}',
    });
    await expect(new Client({ apiUrl: s.url, apiKey: "wrong-key" }).dispatch([{ function: "greet" }])).rejects.toThrow(
      "cannot dispatch calls: the API key was rejected; check DISPATCH_API_KEY",
    );
    await expect(new AdminClient({ url: s.url, apiKey: "wrong-key" }).list()).rejects.toThrow(
      "cannot list calls: unauthenticated: cannot authenticate request: the API key is not valid",
    );
  });

  it("accepts calls with the key and returns their ids in order", async () => {
    const s = await start();
    const ids = await new Client({ apiUrl: s.url, apiKey: "secret-key" }).dispatch([
      { function: "a", endpoint: "http://127.0.0.1:9" },
      { function: "b", endpoint: "http://127.0.0.1:9" },
    ]);
    const calls = await new AdminClient({ url: s.url, apiKey: "secret-key" }).list();
    expect(Object.fromEntries(calls.map((c) => [c.id, c.function]))).toEqual({ [ids[0]!]: "a", [ids[1]!]: "b" });
  });
});

describe("scheduler server: errors", () => {
  const auth = { authorization: "Bearer secret-key" };

  it("refuses invalid calls atomically, bodies that are not a DispatchRequest, other methods and paths", async () => {
    const s = await start();
    const bad = await post(s, dispatchPath, auth, body("1bad"));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ code: "invalid_argument", message: expect.stringMatching(/^cannot dispatch call 0 \("1bad"\): /) });
    expect(await new AdminClient({ url: s.url, apiKey: "secret-key" }).list()).toEqual([]);
    await expect(new Client({ apiUrl: s.url, apiKey: "secret-key" }).dispatch([{ function: "nowhere" }])).rejects.toThrow(
      'cannot dispatch calls: invalid_argument: cannot dispatch call 0 ("nowhere"): it names no endpoint and the scheduler has no default (start it with --endpoint URL)',
    );
    expect(JSON.parse((await post(s, dispatchPath, auth, new Uint8Array([0xff, 0xff]))).body)).toEqual({
      code: "invalid_argument",
      message: expect.stringMatching(/^cannot decode DispatchRequest: /),
    });
    expect(await post(s, dispatchPath, { ...auth, "content-type": "application/json" }, "{}")).toEqual({
      status: 415,
      type: "application/json",
      body: '{"code":"invalid_argument","message":"cannot dispatch calls: expected Content-Type application/proto, got \\"application/json\\""}',
    });
    const get = await fetch(s.url + dispatchPath, { headers: auth });
    expect([get.status, get.headers.get("allow"), await get.text()]).toEqual([
      405,
      "POST",
      `{"code":"unimplemented","message":"cannot serve GET ${dispatchPath}: only POST is allowed"}`,
    ]);
    const other = await fetch(s.url + "/nope");
    expect([other.status, await other.text()]).toEqual([404, '{"code":"not_found","message":"cannot serve /nope: no such procedure"}']);
  });

  it("admin routes: unknown calls, bad filters, events", async () => {
    const s = await start();
    const admin = new AdminClient({ url: s.url, apiKey: "secret-key" });
    expect(await admin.details("nope")).toBeUndefined();
    await expect(admin.waitResult("nope", 0)).rejects.toThrow('cannot wait for result of call nope: not_found: cannot wait for result of call "nope": no such call');
    const r = await fetch(`${s.url}/admin/calls?status=done`, { headers: auth });
    expect([r.status, await r.text()]).toEqual([
      400,
      '{"code":"invalid_argument","message":"cannot list calls: status must be one of queued, running, waiting, succeeded, failed, cancelled, got \\"done\\""}',
    ]);
    expect(await admin.sendEvent("order-1", { paid: true })).toEqual({ delivered: false });
    expect(await admin.cancel("nope")).toBe(false);
  });
});

describe("scheduler server: its folder", () => {
  it("keeps one signing key across restarts, readable by its owner only, and announces itself while it runs", async () => {
    const dir = join(WORK, `store-${++n}`);
    const first = await start(dir);
    expect(statSync(join(dir, "signing.key")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "server.json")).mode & 0o777).toBe(0o600);
    expect(readServerFile(dir)).toEqual({ pid: process.pid, url: first.url, apiKey: "secret-key" });
    expect(Buffer.from(first.verificationKey, "base64").length).toBe(32);
    const key = readFileSync(join(dir, "signing.key"), "utf8");
    await first.close();
    servers.length = 0;
    expect(existsSync(join(dir, "server.json"))).toBe(false);
    const second = await start(dir);
    expect(second.verificationKey).toBe(first.verificationKey);
    expect(readFileSync(join(dir, "signing.key"), "utf8")).toBe(key);
  });

  it("refuses a folder another scheduler holds, before listening", async () => {
    const dir = join(WORK, `store-${++n}`);
    await start(dir);
    await expect(startSchedulerServer({ dir, addr: "127.0.0.1:0", apiKey: "k" })).rejects.toThrow(
      `cannot open store folder "${dir}": it is in use by process ${process.pid} (this process); close that scheduler first (lock file ${dir}/lock)`,
    );
  });
});
