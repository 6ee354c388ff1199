// The endpoint as Hono middleware over the fetch handler; other paths go to
// `next`. Hono runs anywhere fetch does, so this adapter needs no node:http.

import { createServer } from "node:http";
import type { Hono, MiddlewareHandler } from "hono";
import { isRunPath } from "../../endpoint/endpoint.js";
import { createFetchHandler } from "../../endpoint/fetch-handler.js";
import type { EndpointOptions } from "../../endpoint/options.js";
import { nodeListenerOf } from "../node/fetch-bridge.js";
import { addrOf, type Listening, listen, type ServeOptions } from "../node/listen.js";

export function createHandler(options: EndpointOptions): MiddlewareHandler {
  const handle = createFetchHandler(options);
  return async (c, next) => (isRunPath(c.req.path) ? handle(c.req.raw) : next());
}

/** Mounts the endpoint on `app` (a new Hono app by default) and serves it on node:http. */
export async function serve(options: ServeOptions, app?: Hono): Promise<Listening> {
  // Imported lazily: hono is the user's dependency, not ours.
  const target = app ?? new (await import("hono")).Hono();
  target.use(createHandler(options));
  return listen(createServer(nodeListenerOf((request) => target.fetch(request))), addrOf(options));
}
