// A keep-alive client whose large body the endpoint refused unread (401 here)
// must still get answers on that connection, or on a new one: the unread bytes
// must neither stall the connection nor be taken for the next request.

import http from "node:http";
import { describe, expect, it } from "vitest";
import { serve as serveExpress } from "../../../runtime/http/adapters/express/index.js";
import { serve as serveFastify } from "../../../runtime/http/adapters/fastify/index.js";
import { serve as serveHono } from "../../../runtime/http/adapters/hono/index.js";
import { serve as serveNode } from "../../../runtime/http/adapters/node/index.js";
import { echoRunner } from "../support/echo-runner.js";
import { trusted } from "../support/keys.js";
import { encode, runRequest, send, signedHeaders } from "../support/requests.js";

const adapters = { node: serveNode, express: serveExpress, fastify: serveFastify, hono: serveHono };

describe.each(Object.entries(adapters))("%s adapter", (_, serve) => {
  it("keeps serving a keep-alive client after refusing a 1 MB body unread", async () => {
    const server = await serve({ runner: echoRunner, verificationKey: trusted.publicKey, addr: "127.0.0.1:0", logger: { warn() {}, error() {} } });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = new Uint8Array(1_000_000);
      const body = encode(runRequest());
      for (let i = 0; i < 3; i++) {
        expect((await send(server.url, { body: big, agent })).status).toBe(401);
        expect((await send(server.url, { body, agent, headers: signedHeaders(server.url, body) })).status).toBe(200);
      }
    } finally {
      agent.destroy();
      await server.close();
    }
  });
});
