import express from "express";
import { afterAll, expect, it } from "vitest";
import { type Listening, serve } from "../../../runtime/http/adapters/express/index.js";
import { echoRunner } from "../support/echo-runner.js";
import { trusted } from "../support/keys.js";
import { encode, json, runRequest, sendSigned } from "../support/requests.js";

const servers: Listening[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function start(parser: express.RequestHandler): Promise<string> {
  const app = express();
  app.use(parser);
  const server = await serve({ runner: echoRunner, verificationKey: trusted.publicKey, addr: "127.0.0.1:0", logger: { warn() {}, error() {} } }, app);
  servers.push(server);
  return server.url;
}

it("uses the bytes that express.raw() read before it", async () => {
  const url = await start(express.raw({ type: "*/*" }));
  expect((await sendSigned(url, encode(runRequest()))).status).toBe(200);
});

it("says so when another body parser consumed the body", async () => {
  const url = await start(express.text({ type: "*/*" }));
  const received = await sendSigned(url, encode(runRequest()));
  expect({ status: received.status, ...json(received) }).toEqual({
    status: 400,
    code: "invalid_argument",
    message: "cannot read request body: a body parser of the app read it first; mount the endpoint before it or use express.raw()",
  });
});
