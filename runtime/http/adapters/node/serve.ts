import { createServer, type RequestListener } from "node:http";
import { createHandler } from "./handler.js";
import { addrOf, type Listening, listen, type ServeOptions } from "./listen.js";

/**
 * Serves the endpoint on node:http. `app`, when given, receives every request
 * for another path, so that an existing listener keeps its routes.
 */
export function serve(options: ServeOptions, app?: RequestListener): Promise<Listening> {
  const handler = createHandler(options);
  const server = createServer((req, res) => handler(req, res, app && (() => app(req, res))));
  return listen(server, addrOf(options));
}
