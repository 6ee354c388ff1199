import http from "node:http";
import type { AddressInfo } from "node:net";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DispatchRequestSchema, DispatchResponseSchema } from "../../runtime/gen/dispatch/sdk/v1/dispatch_pb.js";
import { Client } from "../../runtime/http/index.js";

// A stand-in for the Dispatch API: the behaviour depends on the first call's function name.
let server: http.Server;
let apiUrl: string;
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push(req.headers);
    if (req.headers.authorization !== "Bearer good-key") {
      res.writeHead(401, { "content-type": "application/json" }).end('{"code":"unauthenticated","message":"invalid API key"}');
      return;
    }
    const request = fromBinary(DispatchRequestSchema, Buffer.concat(chunks));
    const fn = request.calls[0]?.function;
    if (fn === "invalid") res.writeHead(400, { "content-type": "application/json" }).end('{"code":"invalid_argument","message":"bad call"}');
    else if (fn === "proxy") res.writeHead(503, { "content-type": "text/html" }).end("<h1>down</h1>");
    else if (fn === "hang") setTimeout(() => res.end(), 2000);
    else if (fn === "short") res.writeHead(200, { "content-type": "application/proto" }).end(toBinary(DispatchResponseSchema, create(DispatchResponseSchema, { dispatchIds: [] })));
    else {
      const ids = request.calls.map((_, i) => `id-${i}`);
      res.writeHead(200, { "content-type": "application/proto" }).end(toBinary(DispatchResponseSchema, create(DispatchResponseSchema, { dispatchIds: ids })));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("Client", () => {
  const client = () => new Client({ apiKey: "good-key", apiUrl, timeoutMs: 300 });

  it("dispatches calls with the Connect headers and returns their ids in order", async () => {
    expect(await client().dispatch([{ function: "a" }, { function: "b" }])).toEqual(["id-0", "id-1"]);
    expect(seen.at(-1)).toMatchObject({
      authorization: "Bearer good-key",
      "content-type": "application/proto",
      "connect-protocol-version": "1",
    });
    expect(await client().dispatch([])).toEqual([]);
  });

  it("says to check DISPATCH_API_KEY when the key is rejected", async () => {
    const error = await caught(new Client({ apiKey: "bad-key", apiUrl }).dispatch([{ function: "a" }]));
    expect(error).toMatchObject({ name: "HttpError", kind: "connect", code: "unauthenticated", status: 401, message: "cannot dispatch calls: the API key was rejected; check DISPATCH_API_KEY" });
  });

  it("carries the Connect code and message of other failures", async () => {
    expect(await caught(client().dispatch([{ function: "invalid" }]))).toMatchObject({ kind: "connect", code: "invalid_argument", status: 400, message: "cannot dispatch calls: invalid_argument: bad call" });
    expect(await caught(client().dispatch([{ function: "proxy" }]))).toMatchObject({ kind: "connect", code: "unavailable", status: 503, message: "cannot dispatch calls: unavailable: HTTP 503" });
    expect(await caught(client().dispatch([{ function: "short" }]))).toMatchObject({ kind: "response", code: "internal", message: "cannot dispatch calls: expected 1 dispatch ids, got 0" });
  });

  it("gives up after its timeout", async () => {
    // The server answers "hang" after 2 s: a timeout error (not an answer) shows that the client gave up on its own timer.
    expect(await caught(client().dispatch([{ function: "hang" }]))).toMatchObject({ kind: "timeout", code: "deadline_exceeded", message: `cannot dispatch calls: no answer from ${apiUrl.slice(0, -1)} within 300 ms` });
  });

  it("keeps the Node error code of transport failures", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await caught(new Client({ apiKey: "k", apiUrl: `http://127.0.0.1:${port}` }).dispatch([{ function: "a" }]));
    expect(error).toMatchObject({ kind: "transport", code: "ECONNREFUSED" });
    expect((error as Error).message).toMatch(new RegExp(`^cannot dispatch calls: http://127.0.0.1:${port} is unreachable: connect ECONNREFUSED`));
  });

  it("needs an API key and a URL", () => {
    const saved = process.env.DISPATCH_API_KEY;
    delete process.env.DISPATCH_API_KEY;
    try {
      expect(() => new Client()).toThrow("cannot create client: no API key; set DISPATCH_API_KEY or pass apiKey");
    } finally {
      if (saved !== undefined) process.env.DISPATCH_API_KEY = saved;
    }
    expect(() => new Client({ apiKey: "k", apiUrl: "nowhere" })).toThrow('cannot create client: apiUrl is not a URL: "nowhere"');
    expect(new Client({ apiKey: "k" }).apiUrl).toBe(process.env.DISPATCH_API_URL?.replace(/\/+$/, "") ?? "https://api.dispatch.run");
  });
});
