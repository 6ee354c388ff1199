// The endpoint on node:http: a request listener that also works as
// Express-style middleware. With `next`, requests for other paths are passed
// on untouched; without it, they get the core's 404.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { createEndpoint, type IncomingRun, isRunPath, type RunReply } from "../../endpoint/endpoint.js";
import type { EndpointOptions } from "../../endpoint/options.js";
import { HttpError } from "../../http-error.js";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

export function createHandler(options: EndpointOptions): NodeHandler {
  const endpoint = createEndpoint(options);
  return (req, res, next) => {
    // Express rewrites req.url below a mount point; the signature covers the full path.
    const target = (req as { originalUrl?: string }).originalUrl ?? req.url ?? "/";
    if (next !== undefined && !isRunPath(target)) return next();
    endpoint.handle(incomingOf(req, target)).then(
      (reply) => send(res, reply),
      (error: unknown) => res.destroy(error as Error), // handle never rejects; never leave a socket hanging either
    );
  };
}

export function incomingOf(req: IncomingMessage, target: string): IncomingRun {
  // A body parser that ran first (express.raw) leaves the bytes in req.body.
  const parsed = (req as { body?: unknown }).body;
  return {
    method: req.method ?? "GET",
    scheme: (req.socket as TLSSocket).encrypted ? "https" : "http",
    authority: req.headers.host ?? "",
    target,
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    body: !req.readableEnded ? req : parsed instanceof Uint8Array ? once(parsed) : consumed(),
  };
}

async function* consumed(): AsyncIterable<Uint8Array> {
  throw HttpError.connect(
    "invalid_argument",
    "cannot read request body: a body parser of the app read it first; mount the endpoint before it or use express.raw()",
  );
}

export function send(res: ServerResponse, reply: RunReply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(reply.body.length) });
  res.end(reply.body);
}

async function* once(chunk: Uint8Array): AsyncIterable<Uint8Array> {
  yield chunk;
}
