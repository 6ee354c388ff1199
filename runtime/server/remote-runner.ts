// Ordinary code's calls (`dispatch.run(f(x))`, `await f(x)`, `f.dispatch(x)`)
// in server mode: dispatched through the Dispatch API to the scheduler server
// and, for `run`, awaited through its admin result route. The scheduler calls
// this application's endpoint back to run them, so it must be serving.
import type { LazyCall, Runner } from "../api/runner.js";
import { callMessage } from "../api/call-message.js";
import { valueCodec } from "../engine/value-codec.js";
import { Client } from "../http/client.js";
import { readApiKey, readEndpointUrl } from "../http/config.js";
import { errorFromProto, fromAny, toAny } from "../values/index.js";
import { AdminClient } from "./admin-client.js";

export interface RemoteRunnerOptions {
  /** Default: a Client from DISPATCH_API_URL and DISPATCH_API_KEY. */
  client: Client;
  /** Default: the admin routes at the client's URL, with DISPATCH_API_KEY. */
  admin: AdminClient;
  /** The endpoint URL of calls that name none (default: DISPATCH_ENDPOINT_URL). */
  endpointUrl: string | (() => string | undefined);
  /** Length of one long poll for a result (default 25 s). */
  pollMs: number;
}

export class RemoteRunner implements Runner {
  readonly #client: Client;
  readonly #admin: AdminClient;
  readonly #endpointUrl: () => string | undefined;
  readonly #pollMs: number;

  constructor(options: Partial<RemoteRunnerOptions> = {}) {
    this.#client = options.client ?? new Client();
    this.#admin = options.admin ?? new AdminClient({ url: this.#client.apiUrl, apiKey: readApiKey() ?? "" });
    const e = options.endpointUrl;
    this.#endpointUrl = typeof e === "function" ? e : () => e ?? readEndpointUrl();
    this.#pollMs = options.pollMs ?? 25_000;
  }

  async dispatch(call: LazyCall<unknown>): Promise<string> {
    const [id] = await this.dispatchAll([call]);
    return id!;
  }

  /** One DispatchRequest: the scheduler stores all the calls or none. */
  async dispatchAll(calls: LazyCall<unknown>[]): Promise<string[]> {
    const endpoint = this.#endpointUrl() ?? "";
    const messages = calls.map((call) => {
      const message = callMessage(call);
      if (message.endpoint === "") message.endpoint = endpoint;
      return message;
    });
    return this.#client.dispatch(messages);
  }

  sendEvent(key: string, payload: unknown): Promise<{ delivered: boolean }> {
    return this.#admin.sendEventAny(key, toAny(payload, valueCodec));
  }

  async run<R>(call: LazyCall<R>): Promise<R> {
    const id = await this.dispatch(call as LazyCall<unknown>);
    for (;;) {
      const result = await this.#admin.waitResult(id, this.#pollMs);
      if (result === undefined) continue;
      if (result.error !== undefined && (result.error.type !== "" || result.error.message !== "")) throw errorFromProto(result.error, valueCodec);
      return (result.output === undefined ? undefined : fromAny(result.output, valueCodec)) as R;
    }
  }
}
