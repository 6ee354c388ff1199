// Answers of the scheduler server: protobuf for the Dispatch procedure, JSON
// for the admin routes, and Connect JSON `{ code, message }` for every error,
// the format that `Client` and Connect clients read.
import type { ServerResponse } from "node:http";
import { HttpError, isHttpError } from "../http/http-error.js";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

const encoder = new TextEncoder();

export function jsonReply(value: unknown, status = 200): Reply {
  return { status, headers: { "content-type": "application/json" }, body: encoder.encode(JSON.stringify(value)) };
}

export function protoReply(body: Uint8Array): Reply {
  return { status: 200, headers: { "content-type": "application/proto" }, body };
}

/** The Connect JSON error of anything a route threw; unexpected errors are 500 internal. */
export function errorReply(error: unknown): Reply {
  const e: HttpError = isHttpError(error) && error.kind === "connect" ? error : HttpError.connect("internal", `cannot serve request: ${(error as Error)?.message ?? String(error)}`);
  const reply = jsonReply({ code: e.code, message: e.message }, e.status ?? 500);
  // Routes say which method they allow in their 405 message; the header repeats it for HTTP clients.
  const allowed = e.status === 405 ? /only ([A-Z]+) is allowed/.exec(e.message)?.[1] : undefined;
  if (allowed !== undefined) reply.headers["allow"] = allowed;
  return reply;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(reply.body.length) });
  res.end(reply.body);
}
