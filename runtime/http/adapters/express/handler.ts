// The endpoint as Express middleware: the node:http handler, since Express
// requests and responses are node:http ones. Other paths go to `next`.

import { createServer } from "node:http";
import type { Express, RequestHandler } from "express";
import type { EndpointOptions } from "../../endpoint/options.js";
import { createHandler as createNodeHandler } from "../node/handler.js";
import { addrOf, type Listening, listen, type ServeOptions } from "../node/listen.js";

export function createHandler(options: EndpointOptions): RequestHandler {
  const handle = createNodeHandler(options);
  return (req, res, next) => handle(req, res, next);
}

/** Mounts the endpoint on `app` (a new Express app by default) and listens. */
export async function serve(options: ServeOptions, app?: Express): Promise<Listening> {
  // Imported lazily: express is the user's dependency, not ours.
  const target = app ?? (await import("express")).default();
  target.use(createHandler(options));
  return listen(createServer(target), addrOf(options));
}
