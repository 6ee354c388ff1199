// Detached calls (started by a durable function and never awaited) leave the
// endpoint through the Dispatch API before their caller exits. A call that
// names no endpoint is sent to this one: the scheduler could not guess it.
import type { Call } from "../proto/messages.js";
import { Client } from "../http/client.js";
import { readEndpointUrl } from "../http/config.js";

export interface DetachedDispatcherOptions {
  /** Default: DISPATCH_ENDPOINT_URL. A function when the URL is known only once the server listens. */
  endpointUrl?: string | (() => string | undefined) | undefined;
  /** Default: a Client configured from DISPATCH_API_URL and DISPATCH_API_KEY, made on first use. */
  client?: Client;
}

export function createDetachedDispatcher(options: DetachedDispatcherOptions = {}): (calls: Call[]) => Promise<string[]> {
  let client = options.client;
  return async (calls) => {
    // Created here, not up front: a missing API key must only fail the functions that need it.
    client ??= new Client();
    const given = typeof options.endpointUrl === "function" ? options.endpointUrl() : options.endpointUrl;
    const endpoint = given ?? readEndpointUrl() ?? "";
    return client.dispatch(calls.map((c) => ({ ...c, endpoint: c.endpoint || endpoint })));
  };
}
