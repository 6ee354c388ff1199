// The admin routes alone, on a loopback port, for a scheduler that runs inside
// an application (the embedded `dispatch.run`). Its folder is locked by the
// application, so this is how other processes reach it while it runs:
// `dispatch-ts calls/show/cancel/send-event` and `dispatch.sendEvent` in
// another program find it through the folder's server.json, as they find a
// `dispatch-ts serve`. The key is random per start and lives only in that
// owner-only file. The server never keeps the process alive.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { listen, type Listening } from "../http/adapters/node/listen.js";
import { HttpError } from "../http/http-error.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { Store } from "../scheduler/store/types.js";
import { adminPrefix, serveAdmin } from "./admin-routes.js";
import { bearerCheck } from "./bearer-auth.js";
import { storeQueries } from "./call-queries.js";
import { RetryLog } from "./retry-log.js";
import { routeServer } from "./route-server.js";
import { removeServerFile, writeServerFile } from "./server-file.js";

export interface AdminServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startAdminServer(folder: string, scheduler: Scheduler, store: Store): Promise<AdminServer> {
  const apiKey = randomBytes(24).toString("base64url");
  const authenticate = bearerCheck(apiKey);
  const retries = new RetryLog(scheduler);
  const admin = { scheduler, queries: storeQueries(store, retries) };
  const server: Server = routeServer(async (req, url) => {
    if (!url.pathname.startsWith(adminPrefix)) throw HttpError.connect("not_found", `cannot serve ${url.pathname.slice(0, 100)}: this is the admin server of an application's embedded scheduler`);
    authenticate(req.headers.authorization);
    return serveAdmin(admin, req, url);
  });
  let listening: Listening;
  try {
    listening = await listen(server, { host: "127.0.0.1", port: 0 });
  } catch (error) {
    retries.close();
    throw error;
  }
  server.unref();
  writeServerFile(folder, { pid: process.pid, url: listening.url, apiKey });
  return {
    url: listening.url,
    async close() {
      removeServerFile(folder);
      retries.close();
      const stopped = listening.close().catch(() => undefined);
      // Long-polls and keep-alive clients must not hold the run's end.
      server.closeAllConnections();
      await stopped;
    },
  };
}
