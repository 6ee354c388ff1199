// An HTTP server over one routing function (request and URL to a Reply): the
// scheduler server and the embedded scheduler's admin server answer the same
// way, Connect JSON errors included.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { errorReply, send, type Reply } from "./reply.js";

export type Route = (req: IncomingMessage, url: URL) => Promise<Reply>;

export function routeServer(route: Route): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://scheduler");
    route(req, url).then(
      (reply) => send(res, reply),
      (error: unknown) => {
        // An answer before the body was read: close the connection rather than read what is left.
        if (!req.readableEnded) res.setHeader("connection", "close");
        send(res, errorReply(error));
      },
    );
  });
}
