// Building, signing and sending RunRequests in tests. `send` uses node:http
// directly so that a test controls every header (or leaves one out).

import http from "node:http";
import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack, StringValueSchema } from "@bufbuild/protobuf/wkt";
import { type RunRequest, RunRequestSchema } from "../../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { runPath, type SignOptions, signRequest } from "../../../runtime/http/index.js";
import { trusted } from "./keys.js";

export function runRequest(fn = "echo", text = "hello"): RunRequest {
  return create(RunRequestSchema, {
    function: fn,
    directive: { case: "input", value: anyPack(StringValueSchema, create(StringValueSchema, { value: text })) },
    dispatchId: "d-1",
  });
}

export function encode(request: RunRequest): Uint8Array {
  return toBinary(RunRequestSchema, request);
}

export interface Sent {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
  /** Defaults to a fresh connection per request. */
  agent?: http.Agent;
}

export interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Headers of a signed POST of `body` to `baseUrl + path`. */
export function signedHeaders(baseUrl: string, body: Uint8Array, path = runPath, options?: Partial<SignOptions>, key = trusted.privateKey) {
  const headers = { "content-type": "application/proto" };
  return { ...headers, ...signRequest({ method: "POST", url: baseUrl + path, headers, body }, key, options) };
}

export function send(baseUrl: string, sent: Sent): Promise<Received> {
  const url = new URL(baseUrl);
  const headers = { ...sent.headers };
  // Node's client frames a GET body with nothing unless told its length.
  if (!sent.chunked && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) {
    headers["content-length"] = String(sent.body?.length ?? 0);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: sent.method ?? "POST", path: sent.path ?? runPath, headers, agent: sent.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (sent.chunked) {
      req.write(sent.body ?? new Uint8Array());
      req.end();
    } else {
      req.end(sent.body);
    }
  });
}

/** A signed POST of a RunRequest, the way the scheduler sends it. */
export function sendSigned(baseUrl: string, body: Uint8Array, options?: Partial<SignOptions>): Promise<Received> {
  return send(baseUrl, { body, headers: signedHeaders(baseUrl, body, runPath, options) });
}

export function json(received: Received): { code: string; message: string } {
  return JSON.parse(received.body.toString("utf8")) as { code: string; message: string };
}
