// Calling durable functions the way any client of the scheduler server does:
// DispatchService.Dispatch through `Client`, then the admin result route.
import { expect } from "vitest";
import { Client } from "../../../runtime/http/client.js";
import { AdminClient } from "../../../runtime/server/admin-client.js";
import { toAny, fromAny, errorFromProto } from "../../../runtime/values/index.js";
import { valueCodec } from "../../../runtime/engine/value-codec.js";
import type { SchedulerProcess } from "./processes.js";

export interface Caller {
  client: Client;
  admin: AdminClient;
  /** Dispatches calls in one request; returns their ids. */
  dispatch(endpoint: string, calls: readonly { fn: string; args: unknown[] }[]): Promise<string[]>;
  /** The decoded output of a call (throws its error), waiting at most `timeoutMs`. */
  result(id: string, timeoutMs?: number): Promise<unknown>;
}

export function caller(scheduler: SchedulerProcess): Caller {
  const client = new Client({ apiUrl: scheduler.url, apiKey: scheduler.apiKey, timeoutMs: 5000 });
  const admin = new AdminClient({ url: scheduler.url, apiKey: scheduler.apiKey });
  return {
    client,
    admin,
    dispatch: (endpoint, calls) => client.dispatch(calls.map((c) => ({ function: c.fn, endpoint, input: toAny(c.args, valueCodec) }))),
    async result(id, timeoutMs = 15_000) {
      const r = await admin.waitResult(id, timeoutMs);
      expect(r, `call ${id} did not finish within ${timeoutMs} ms`).toBeDefined();
      if (r!.error !== undefined && (r!.error.type !== "" || r!.error.message !== "")) throw errorFromProto(r!.error, valueCodec);
      return r!.output === undefined ? undefined : fromAny(r!.output, valueCodec);
    },
  };
}
