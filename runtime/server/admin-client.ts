// The client of the scheduler server's admin routes: what the CLI reads and
// how a remote runner waits for a result. Failures are HttpErrors, as with
// the Dispatch API client: "cannot <action>: <code>: <message>".
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { AnySchema, type Any } from "@bufbuild/protobuf/wkt";
import { CallResultSchema, type CallResult } from "../proto/messages.js";
import { HttpError, isConnectCode, connectCodeOf } from "../http/http-error.js";
import type { CallQueries, ListFilter } from "./call-queries.js";
import type { CallDetails, CallView } from "./call-view.js";

export interface AdminClientOptions {
  /** The scheduler server's URL (DISPATCH_API_URL). */
  url: string;
  apiKey: string;
}

export class AdminClient implements CallQueries {
  readonly url: string;
  readonly #apiKey: string;

  constructor(options: AdminClientOptions) {
    this.url = options.url.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
  }

  async list(filter: ListFilter = {}): Promise<CallView[]> {
    const q = new URLSearchParams();
    if (filter.status !== undefined) q.set("status", filter.status);
    if (filter.limit !== undefined) q.set("limit", String(filter.limit));
    if (filter.all) q.set("all", "1");
    const body = (await this.#request("GET", `/admin/calls?${q}`, "list calls")) as { calls: CallView[] };
    return body.calls;
  }

  async details(id: string): Promise<CallDetails | undefined> {
    try {
      return (await this.#request("GET", `/admin/calls/${encodeURIComponent(id)}`, "show call")) as CallDetails;
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  async state(id: string): Promise<Uint8Array | undefined> {
    const body = (await this.#request("GET", `/admin/calls/${encodeURIComponent(id)}/state`, `read state of call ${id}`)) as { state: string | null };
    return body.state === null ? undefined : new Uint8Array(Buffer.from(body.state, "base64"));
  }

  /** The call's result once it has finished; undefined if it has not within `waitMs`. */
  async waitResult(id: string, waitMs: number): Promise<CallResult | undefined> {
    const path = `/admin/calls/${encodeURIComponent(id)}/result?waitMs=${Math.max(0, Math.min(60_000, Math.round(waitMs)))}`;
    const body = (await this.#request("GET", path, `wait for result of call ${id}`)) as { done: boolean; result?: string };
    return body.done && body.result !== undefined ? fromBinary(CallResultSchema, Buffer.from(body.result, "base64")) : undefined;
  }

  async cancel(id: string): Promise<boolean> {
    const body = (await this.#request("POST", `/admin/calls/${encodeURIComponent(id)}/cancel`, `cancel call ${id}`)) as { cancelled: boolean };
    return body.cancelled;
  }

  /** Delivers a JSON payload to the oldest call waiting on `key` (or keeps it for the first one). */
  async sendEvent(key: string, payload: unknown): Promise<{ delivered: boolean }> {
    return (await this.#request("POST", "/admin/events", "send event", JSON.stringify({ key, payload }))) as { delivered: boolean };
  }

  /** Delivers any value the codec carries (the payload already encoded as a google.protobuf.Any). */
  async sendEventAny(key: string, any: Any): Promise<{ delivered: boolean }> {
    const body = JSON.stringify({ key, any: Buffer.from(toBinary(AnySchema, any)).toString("base64") });
    return (await this.#request("POST", "/admin/events", "send event", body)) as { delivered: boolean };
  }

  async #request(method: string, path: string, action: string, body?: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(this.url + path, {
        method,
        headers: { authorization: `Bearer ${this.#apiKey}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
      throw new HttpError("transport", cause?.code ?? "ECONNRESET", `cannot ${action}: ${this.url} is unreachable: ${cause?.message ?? (error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.status === 200 && parsed !== undefined) return parsed;
    const p = (parsed ?? {}) as { code?: unknown; message?: unknown };
    const code = isConnectCode(p.code) ? p.code : connectCodeOf(response.status);
    const message = typeof p.message === "string" ? p.message : `HTTP ${response.status}`;
    throw new HttpError("connect", code, `cannot ${action}: ${code}: ${message}`, { status: response.status });
  }
}
