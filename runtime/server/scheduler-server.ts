// The standalone scheduler: DispatchService over HTTP, backed by the scheduler
// core on the SQLite store of a folder, calling endpoints with requests signed
// by the folder's Ed25519 key. The folder is locked first, so that a second
// server (or an embedded `dispatch.run`) on the same folder fails before
// anything listens. Admin routes under /admin serve the CLI.
import type { IncomingMessage, Server } from "node:http";
import { resolve } from "node:path";
import { parseEndpointAddr } from "../http/config.js";
import { createHttpInvoker } from "../http/invoker.js";
import { listen, type Listening } from "../http/adapters/node/listen.js";
import { HttpError } from "../http/http-error.js";
import { Scheduler } from "../scheduler/scheduler.js";
import type { SchedulerInit } from "../scheduler/options.js";
import { openSqliteStore, type Store } from "../scheduler/store/index.js";
import { adminPrefix, serveAdmin } from "./admin-routes.js";
import { bearerCheck } from "./bearer-auth.js";
import { storeQueries } from "./call-queries.js";
import { dispatchPath, serveDispatch } from "./dispatch-route.js";
import { loadOrCreateSigningKey } from "./folder-secrets.js";
import type { Reply } from "./reply.js";
import { routeServer } from "./route-server.js";
import { RetryLog } from "./retry-log.js";
import { removeServerFile, writeServerFile } from "./server-file.js";

export interface SchedulerServerOptions {
  /** Folder of the store, the lock and the signing key (default ".dispatch"). */
  dir: string;
  /** host:port to listen on (default 127.0.0.1:4450; port 0 picks a free one). */
  addr: string;
  /** The bearer key of the Dispatch API and the admin routes. */
  apiKey: string;
  /** Endpoint URL of calls that name none. */
  defaultEndpoint: string;
  /** "NORMAL" survives a killed process; "FULL" also a power cut. */
  synchronous: "NORMAL" | "FULL";
  /** The store commits the outcomes of runs at the latest this many milliseconds after the first
   * one not yet committed (default 10; a killed server runs them again); 0: every store operation
   * is committed when it returns. Dispatched calls, cancellations, events and results read through
   * the admin routes are always committed first. */
  commitWindowMs: number;
  /** Largest accepted DispatchRequest (default 16 MiB). */
  maxBodyBytes: number;
  /** Scheduler settings other than the store and the invoker (retries, concurrency, ...). */
  scheduler: Omit<Partial<SchedulerInit>, "store" | "invoker">;
}

export interface SchedulerServer {
  readonly url: string;
  readonly dir: string;
  readonly apiKey: string;
  /** Base64 of the raw Ed25519 public key: DISPATCH_VERIFICATION_KEY for endpoints. */
  readonly verificationKey: string;
  readonly scheduler: Scheduler;
  /** Stops listening, lets runs in flight record their outcomes (at most `graceMs`), closes the store. */
  close(graceMs?: number): Promise<void>;
}

export const defaultSchedulerAddr = "127.0.0.1:4450";

export async function startSchedulerServer(options: Partial<SchedulerServerOptions> & Pick<SchedulerServerOptions, "apiKey">): Promise<SchedulerServer> {
  const dir = resolve(options.dir ?? ".dispatch");
  const addr = parseEndpointAddr(options.addr ?? defaultSchedulerAddr, "addr");
  const authenticate = bearerCheck(options.apiKey);
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const store = await openSqliteStore({
    folder: dir,
    synchronous: options.synchronous ?? "NORMAL",
    ...(options.commitWindowMs !== undefined ? { commitWindowMs: options.commitWindowMs } : {}),
  });
  let listening: Listening | undefined;
  let scheduler: Scheduler | undefined;
  try {
    const keys = loadOrCreateSigningKey(dir);
    scheduler = new Scheduler({
      ...options.scheduler,
      store,
      invoker: createHttpInvoker({ signingKey: keys.privateKey }),
      defaultEndpoint: options.defaultEndpoint ?? "",
    });
    const retries = new RetryLog(scheduler);
    const admin = { scheduler, queries: storeQueries(store, retries) };
    const s = scheduler;
    const route = async (req: IncomingMessage, url: URL): Promise<Reply> => {
      if (url.pathname === dispatchPath) {
        if (req.method !== "POST") throw HttpError.connect("unimplemented", `cannot serve ${req.method} ${dispatchPath}: only POST is allowed`, 405);
        authenticate(req.headers.authorization);
        return serveDispatch(s, req, maxBodyBytes);
      }
      if (url.pathname.startsWith(adminPrefix)) {
        authenticate(req.headers.authorization);
        return serveAdmin(admin, req, url);
      }
      throw HttpError.connect("not_found", `cannot serve ${url.pathname.slice(0, 100)}: no such procedure`);
    };
    const server = routeServer(route);
    listening = await listen(server, addr).catch((error: NodeJS.ErrnoException) => {
      const where = `${addr.host}:${addr.port}`;
      const reason = error.code === "EADDRINUSE" ? "the address is in use" : error.message;
      throw new Error(`cannot listen on ${where}: ${reason}`, { cause: error });
    });
    await scheduler.start();
    writeServerFile(dir, { pid: process.pid, url: listening.url, apiKey: options.apiKey });
    const l = listening;
    let closing: Promise<void> | undefined;
    return {
      url: l.url,
      dir,
      apiKey: options.apiKey,
      verificationKey: keys.publicKeyBase64,
      scheduler: s,
      close: (graceMs = 10_000) => (closing ??= shutDown(server, l, s, store, retries, dir, graceMs)),
    };
  } catch (error) {
    await listening?.close().catch(() => undefined);
    scheduler?.abandon();
    await store.close();
    throw error;
  }
}

async function shutDown(server: Server, l: Listening, scheduler: Scheduler, store: Store, retries: RetryLog, dir: string, graceMs: number): Promise<void> {
  removeServerFile(dir);
  const stopped = l.close().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((done) => (timer = setTimeout(() => done("late"), graceMs)));
  // Runs still in flight after the grace period are left running in the store: the next start requeues them.
  if ((await Promise.race([scheduler.close(), late])) === "late") scheduler.abandon();
  clearTimeout(timer);
  retries.close();
  await store.close();
  // Long-polls of the admin routes and keep-alive clients must not hold the process.
  server.closeAllConnections();
  await stopped;
}
