// Serving a fetch handler (Hono's app.fetch) on node:http, for adapters whose
// framework has no node server of its own in our dependencies.

import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { TLSSocket } from "node:tls";

export type FetchLike = (request: Request) => Response | Promise<Response>;

export function toRequest(req: IncomingMessage): Request {
  const scheme = (req.socket as TLSSocket).encrypted ? "https" : "http";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`${scheme}://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.writeHead(response.status);
  if (response.body === null) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

export function nodeListenerOf(fetch: FetchLike): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const request = toRequest(req);
    Promise.resolve()
      .then(() => fetch(request))
      .then((response) => {
        // An answer sent before the body was read (an error): the unread bytes
        // would stall the connection for the next request, so close it after.
        if (request.body !== null && !request.bodyUsed) res.setHeader("connection", "close");
        return sendResponse(res, response);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ code: "internal", message: `cannot serve request: ${(error as Error)?.message}` }));
        } else {
          res.destroy(error as Error);
        }
      });
  };
}
