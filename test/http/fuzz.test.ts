// Fuzzes a live endpoint (node:http and Hono adapters, with a verification
// key): mutated RunRequests re-signed after mutation, so that they pass the
// signature check and reach the decoder and the engine; signed requests with
// damaged headers; and unsigned garbage. Every answer must be well-formed
// (200 with a RunResponse, or a Connect JSON error whose code matches its
// status) within a deadline, and the server must still serve afterwards.

import http from "node:http";
import { fromBinary } from "@bufbuild/protobuf";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RunResponseSchema } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { serve as serveHono } from "../../runtime/http/adapters/hono/index.js";
import { type Listening, serve as serveNode } from "../../runtime/http/adapters/node/index.js";
import { httpStatusOf, runPath } from "../../runtime/http/index.js";
import { scaled } from "../scale.js";
import { echoRunner } from "./support/echo-runner.js";
import { trusted } from "./support/keys.js";
import { mutatedBody, Random } from "./support/mutate.js";
import { type Received, send, sendSigned, signedHeaders } from "./support/requests.js";
import { encode, runRequest } from "./support/requests.js";

const count = scaled(600, 20_000);
const seed = Number(process.env.FUZZ_SEED ?? 20240917);
let servers: Listening[] = [];

beforeAll(async () => {
  const options = { runner: echoRunner, verificationKey: trusted.publicKey, logger: { warn() {}, error() {} }, addr: "127.0.0.1:0" };
  servers = [await serveNode(options), await serveHono(options)];
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

type Kind = "signed" | "damaged headers" | "garbage" | "other path";

function oneCase(r: Random, url: string): { kind: Kind; pending: Promise<Received> } {
  const roll = r.next();
  if (roll < 0.75) {
    const body = mutatedBody(r);
    return { kind: "signed", pending: send(url, { body, headers: signedHeaders(url, body) }) };
  }
  if (roll < 0.87) {
    const body = mutatedBody(r);
    const headers: Record<string, string> = signedHeaders(url, body);
    const name = r.pick(["signature", "signature-input", "content-digest", "content-type"]);
    if (r.next() < 0.5) delete headers[name];
    else headers[name] = r.pick([r.string().replace(/[^\x20-\x7e]/g, ""), headers[name]!.slice(0, r.int(headers[name]!.length)), 'dispatch=("@method");created=1;keyid="default"']);
    return { kind: "damaged headers", pending: send(url, { body, headers }) };
  }
  const body = r.bytes(r.int(2048));
  const path = r.pick([runPath, runPath, "/", `${runPath}/x`]);
  return { kind: path === runPath ? "garbage" : "other path", pending: send(url, { body, method: r.pick(["POST", "POST", "PUT", "GET"]), path }) };
}

function expectWellFormed(received: Received, kind: Kind): void {
  // Other paths belong to the app (Hono answers its own 404 page).
  if (kind === "other path") return expect(received.status, received.body.toString()).toBe(404);
  if (received.status === 200) {
    expect(received.headers["content-type"]).toBe("application/proto");
    fromBinary(RunResponseSchema, received.body);
    return;
  }
  expect(received.headers["content-type"]).toBe("application/json");
  const error = JSON.parse(received.body.toString("utf8")) as { code: unknown; message: unknown };
  expect(typeof error.message).toBe("string");
  expect(typeof error.code).toBe("string");
  expect(received.status === 405 ? "unimplemented" : httpStatusOf(error.code as never)).toBe(received.status === 405 ? error.code : received.status);
  // Signed requests with intact headers must get past the signature check.
  if (kind === "signed") expect([401, 403]).not.toContain(received.status);
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

it(`answers ${count} fuzzed requests, each well-formed and in time`, async () => {
  const r = new Random(seed);
  const statuses: Record<Kind, Record<number, number>> = { signed: {}, "damaged headers": {}, garbage: {}, "other path": {} };
  for (let done = 0; done < count; ) {
    const batch = Array.from({ length: Math.min(8, count - done) }, (_, i) => oneCase(r, servers[(done + i) % servers.length]!.url));
    const answers = await within(Promise.all(batch.map((c) => c.pending)), 10_000);
    answers.forEach((received, i) => {
      const { kind } = batch[i]!;
      expectWellFormed(received, kind);
      statuses[kind][received.status] = (statuses[kind][received.status] ?? 0) + 1;
    });
    done += batch.length;
  }
  for (const server of servers) expect((await sendSigned(server.url, encode(runRequest("echo")))).status).toBe(200);
  const total = (kind: Kind) => Object.values(statuses[kind]).reduce((a, b) => a + b, 0);
  console.log(
    `fuzz (seed ${seed}): ${count} requests, all answered well-formed; statuses by kind: ${JSON.stringify(statuses)}; ` +
      `all ${total("signed")} re-signed mutations passed the signature check and reached the decoder`,
  );
  expect(total("signed")).toBeGreaterThan(count / 2);
}, 300_000);

it("survives a client that announces a body and vanishes", async () => {
  for (const server of servers) {
    const { port } = new URL(server.url);
    await new Promise<void>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: runPath, headers: signedHeaders(server.url, new Uint8Array(100)) });
      req.on("error", () => resolve());
      req.setHeader("content-length", "100");
      req.write(new Uint8Array(10), () => setTimeout(() => (req.destroy(), resolve()), 20));
    });
    expect((await sendSigned(server.url, encode(runRequest("echo")))).status).toBe(200);
  }
});
