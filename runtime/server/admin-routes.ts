// The admin routes of the scheduler server, JSON under /admin (same bearer
// key as the Dispatch API): what the CLI shows, a long-polled result for
// applications that wait on their calls, events and cancellation.
//   GET  /admin/calls?status=S&limit=N&all=1   -> { calls: CallView[] }
//   GET  /admin/calls/ID                       -> CallDetails
//   GET  /admin/calls/ID/result?waitMs=N       -> { done: false } | { done: true, result: base64 CallResult }
//   GET  /admin/calls/ID/state                 -> { state: base64 | null } (while the call waits)
//   POST /admin/calls/ID/cancel                -> { cancelled: boolean }
//   POST /admin/events { key, payload }        -> { delivered: boolean }
//   POST /admin/events { key, any }            -> the same, the payload a base64 google.protobuf.Any
//                                                 (any value the codec carries, not only JSON)
import type { IncomingMessage } from "node:http";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { AnySchema, type Any } from "@bufbuild/protobuf/wkt";
import { CallResultSchema } from "../proto/messages.js";
import { HttpError } from "../http/http-error.js";
import { announcedLength, readBody } from "../http/endpoint/read-body.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import { isTerminal, type CallStatus } from "../scheduler/store/types.js";
import { toAny } from "../values/index.js";
import { valueCodec } from "../engine/value-codec.js";
import { CALL_STATUSES, type CallQueries } from "./call-queries.js";
import { jsonReply, type Reply } from "./reply.js";

export const adminPrefix = "/admin/";

const MAX_WAIT_MS = 60_000;
const MAX_EVENT_BYTES = 1024 * 1024;

export interface AdminContext {
  scheduler: Scheduler;
  queries: CallQueries;
}

export async function serveAdmin(ctx: AdminContext, req: IncomingMessage, url: URL): Promise<Reply> {
  const parts = pathParts(url);
  const method = req.method ?? "GET";
  if (parts[0] === "calls" && parts.length === 1) return only("GET", method, url, () => listCalls(ctx, url));
  if (parts[0] === "calls" && parts.length === 2) return only("GET", method, url, () => showCall(ctx, parts[1]!));
  if (parts[0] === "calls" && parts.length === 3 && parts[2] === "result") return only("GET", method, url, () => waitResult(ctx, parts[1]!, url));
  if (parts[0] === "calls" && parts.length === 3 && parts[2] === "state") return only("GET", method, url, () => callState(ctx, parts[1]!));
  if (parts[0] === "calls" && parts.length === 3 && parts[2] === "cancel") {
    return only("POST", method, url, async () => jsonReply({ cancelled: await ctx.scheduler.cancel(parts[1]!) }));
  }
  if (parts[0] === "events" && parts.length === 1) return only("POST", method, url, () => sendEvent(ctx, req));
  throw HttpError.connect("not_found", `cannot serve ${url.pathname.slice(0, 100)}: no such route`);
}

function pathParts(url: URL): string[] {
  try {
    return url.pathname.slice(adminPrefix.length).split("/").map(decodeURIComponent);
  } catch {
    throw HttpError.connect("invalid_argument", `cannot serve ${url.pathname.slice(0, 100)}: malformed percent-encoding`);
  }
}

function only(allowed: string, method: string, url: URL, route: () => Promise<Reply>): Promise<Reply> {
  if (method !== allowed) throw HttpError.connect("unimplemented", `cannot serve ${method} ${url.pathname.slice(0, 100)}: only ${allowed} is allowed`, 405);
  return route();
}

async function listCalls(ctx: AdminContext, url: URL): Promise<Reply> {
  const status = url.searchParams.get("status") ?? undefined;
  if (status !== undefined && !CALL_STATUSES.includes(status as CallStatus)) {
    throw HttpError.connect("invalid_argument", `cannot list calls: status must be one of ${CALL_STATUSES.join(", ")}, got ${JSON.stringify(status)}`);
  }
  const limit = integerParam(url, "limit", 100, 1, 10_000, "list calls");
  const all = url.searchParams.get("all") === "1";
  const calls = await ctx.queries.list({ limit, all, ...(status !== undefined ? { status: status as CallStatus } : {}) });
  return jsonReply({ calls });
}

async function showCall(ctx: AdminContext, id: string): Promise<Reply> {
  const details = await ctx.queries.details(id);
  if (details === undefined) throw HttpError.connect("not_found", `cannot show call ${JSON.stringify(id.slice(0, 100))}: no such call`);
  return jsonReply(details);
}

async function callState(ctx: AdminContext, id: string): Promise<Reply> {
  const state = await ctx.queries.state(id);
  return jsonReply({ state: state === undefined ? null : Buffer.from(state).toString("base64") });
}

// Subscribed before reading the call, so that a call finishing in between is not missed.
async function waitResult(ctx: AdminContext, id: string, url: URL): Promise<Reply> {
  const waitMs = integerParam(url, "waitMs", 0, 0, MAX_WAIT_MS, "wait for result");
  let wake: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (wake = resolve));
  const offs = [
    ctx.scheduler.on("call:done", (e) => e.id === id && wake()),
    ctx.scheduler.on("call:cancelled", (e) => e.id === id && wake()),
  ];
  let timer: NodeJS.Timeout | undefined;
  try {
    let info = await ctx.scheduler.get(id);
    if (info === undefined) throw HttpError.connect("not_found", `cannot wait for result of call ${JSON.stringify(id.slice(0, 100))}: no such call`);
    if (!isTerminal(info.status) && waitMs > 0) {
      await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      info = await ctx.scheduler.get(id);
    }
    if (info === undefined || !isTerminal(info.status) || info.result === undefined) return jsonReply({ done: false, status: info?.status });
    return jsonReply({ done: true, status: info.status, result: Buffer.from(toBinary(CallResultSchema, info.result)).toString("base64") });
  } finally {
    clearTimeout(timer);
    for (const off of offs) off();
  }
}

async function sendEvent(ctx: AdminContext, req: IncomingMessage): Promise<Reply> {
  const body = await readBody(req, announcedLength(req.headers["content-length"], MAX_EVENT_BYTES));
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch (error) {
    throw HttpError.connect("invalid_argument", `cannot send event: the body is not JSON: ${(error as Error).message}`);
  }
  const { key, payload, any } = (parsed ?? {}) as { key?: unknown; payload?: unknown; any?: unknown };
  if (typeof key !== "string" || key === "") throw HttpError.connect("invalid_argument", "cannot send event: expected a non-empty string key");
  const outcome = await ctx.scheduler.sendEvent(key, any === undefined ? toAny(payload, valueCodec) : anyFromBase64(any));
  return jsonReply({ delivered: outcome.delivered });
}

function anyFromBase64(any: unknown): Any {
  if (typeof any !== "string") throw HttpError.connect("invalid_argument", "cannot send event: any must be a base64 string of a google.protobuf.Any");
  try {
    return fromBinary(AnySchema, Buffer.from(any, "base64"));
  } catch (error) {
    throw HttpError.connect("invalid_argument", `cannot send event: any is not a google.protobuf.Any: ${(error as Error).message}`);
  }
}

function integerParam(url: URL, name: string, fallback: number, min: number, max: number, action: string): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw HttpError.connect("invalid_argument", `cannot ${action}: ${name} must be an integer in ${min}..${max}, got ${JSON.stringify(raw.slice(0, 40))}`);
  }
  return value;
}
