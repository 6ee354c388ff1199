// The endpoint as a Fastify plugin. Inside the plugin's own (encapsulated)
// context, the content-type parsers are replaced by one that leaves the body
// unread, so that the core streams it under its own limit and checks its
// digest; the app's other routes keep their parsers.

import type { FastifyInstance, FastifyPluginCallback } from "fastify";
import { runPath } from "../../endpoint/endpoint.js";
import type { EndpointOptions } from "../../endpoint/options.js";
import { createHandler as createNodeHandler } from "../node/handler.js";
import { addrOf, type Listening, type ServeOptions, urlOf } from "../node/listen.js";

export function createHandler(options: EndpointOptions): FastifyPluginCallback {
  const handle = createNodeHandler(options);
  return (app, _options, done) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_request, _payload, parsed) => parsed(null));
    app.all(runPath, (request, reply) => {
      reply.hijack();
      handle(request.raw, reply.raw);
    });
    done();
  };
}

/** Registers the endpoint on `app` (a new Fastify instance by default) and listens. */
export async function serve(options: ServeOptions, app?: FastifyInstance): Promise<Listening> {
  // Imported lazily: fastify is the user's dependency, not ours.
  const target = app ?? (await import("fastify")).default();
  await target.register(createHandler(options));
  const addr = addrOf(options);
  await target.listen({ host: addr.host, port: addr.port });
  return { url: urlOf(target.server.address()), close: () => target.close() };
}
