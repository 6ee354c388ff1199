// The embedded default: `dispatch.run(f(x))` starts a scheduler in this
// process over a file store in `.dispatch/` (no set-up), invokes functions
// in-process (no HTTP) but still through RunRequests and the state codec, so
// the bytes are those of server mode, and resumes what a crashed run of the
// same program left unfinished (root calls carry idempotency keys). While it
// runs, other processes reach it through a loopback admin server named in the
// folder's server.json: the CLI (calls, show, cancel, send-event) and
// `dispatch.sendEvent` in another program, which is forwarded there.
import { Engine } from "../engine/engine.js";
import { Scheduler } from "../scheduler/scheduler.js";
import type { Invoker, SchedulerInit } from "../scheduler/options.js";
import { createMemoryStore, DEFAULT_COMMIT_WINDOW_MS, openSqliteStore, type Store } from "../scheduler/store/index.js";
import { TERMINAL_STATUSES } from "../scheduler/store/types.js";
import { fromAny, errorFromProto, toAny } from "../values/index.js";
import { valueCodec } from "../engine/value-codec.js";
import type { LazyCall, Runner } from "../api/runner.js";
import { callMessage, idempotencyKey } from "../api/call-message.js";
import { loadOrCreateStateKey, stateKeyFromEnv } from "../server/state-key.js";
import { randomBytes } from "node:crypto";
import { RunReporter, type RunReporterOptions } from "./run-reporter.js";
import { compensationsDone } from "./compensations-done.js";
import { resolve } from "node:path";
import { HttpError } from "../http/http-error.js";
import { AdminClient } from "../server/admin-client.js";
import { startAdminServer, type AdminServer } from "../server/admin-server.js";
import { readServerFile } from "../server/server-file.js";

export interface EmbeddedOptions {
  /** Folder of the file store and the state key (default ".dispatch", or DISPATCH_DIR). */
  dir: string;
  /** Keep everything in memory (tests); nothing survives the process. */
  memory: boolean;
  /** "NORMAL" survives a killed process; "FULL" also a power cut. */
  synchronous: "NORMAL" | "FULL";
  /** The file store commits the outcomes of runs at the latest this many milliseconds after the
   * first one not yet committed (default 10; a killed process runs them again); 0: every store
   * operation is committed when it returns. */
  commitWindowMs: number;
  /** Root calls get an idempotency key (function + arguments), so re-running resumes instead of restarting. */
  idempotent: boolean;
  /** Wraps the in-process invoker (test helpers inject failures here). */
  wrapInvoker?: (invoker: Invoker) => Invoker;
  /** Scheduler options beyond the store and invoker (retry policy, clock). */
  scheduler?: Omit<SchedulerInit, "store" | "invoker">;
  /**
   * A summary line per `dispatch.run` on standard error, and progress lines while a run takes
   * long (default: on with the file store, off in memory; DISPATCH_QUIET=1 turns it off).
   */
  report: boolean | RunReporterOptions;
  /**
   * Serve the admin routes on a random 127.0.0.1 port while the file store is open, so that other
   * processes can list, cancel and send events (default: on with the file store).
   */
  admin: boolean;
}

interface Started {
  scheduler: Scheduler;
  store: Store;
  reporter?: RunReporter;
  admin?: AdminServer;
}

export class EmbeddedRunner implements Runner {
  private started: Promise<Started> | undefined;
  private active = 0;
  readonly options: EmbeddedOptions;

  constructor(options: Partial<EmbeddedOptions> = {}) {
    this.options = {
      dir: options.dir ?? process.env.DISPATCH_DIR ?? ".dispatch",
      memory: options.memory ?? false,
      synchronous: options.synchronous ?? "NORMAL",
      commitWindowMs: options.commitWindowMs ?? DEFAULT_COMMIT_WINDOW_MS,
      idempotent: options.idempotent ?? true,
      wrapInvoker: options.wrapInvoker,
      scheduler: options.scheduler,
      report: options.report ?? (!(options.memory ?? false) && process.env.DISPATCH_QUIET !== "1"),
      admin: options.admin ?? !(options.memory ?? false),
    };
  }

  private start(): Promise<Started> {
    this.started ??= (async () => {
      const o = this.options;
      const store = o.memory ? createMemoryStore() : await openSqliteStore({ folder: o.dir, synchronous: o.synchronous, commitWindowMs: o.commitWindowMs });
      const stateKey = o.memory ? (stateKeyFromEnv() ?? new Uint8Array(randomBytes(32))) : loadOrCreateStateKey(o.dir);
      let scheduler: Scheduler | undefined;
      const engine = new Engine({ stateKey, dispatchDetached: (calls) => scheduler!.dispatch(calls) });
      const direct: Invoker = (_endpoint, req) => engine.run(req);
      scheduler = new Scheduler({ ...o.scheduler, store, invoker: o.wrapInvoker ? o.wrapInvoker(direct) : direct });
      const reporter = o.report === false ? undefined : new RunReporter(scheduler, o.report === true ? {} : o.report);
      await scheduler.start();
      return { scheduler, store, reporter, admin: o.admin && !o.memory ? await adminServer(o.dir, scheduler, store) : undefined };
    })();
    return this.started;
  }

  async run<R>(call: LazyCall<R>): Promise<R> {
    this.active++;
    try {
      const { scheduler, store, reporter } = await this.start();
      const message = callMessage(call as LazyCall<unknown>);
      const key = this.options.idempotent ? idempotencyKey(message) : undefined;
      const [id] = await scheduler.dispatch([message], { idempotencyKeys: [key] });
      const earlier = reporter === undefined || reporter.sawDispatch(id!) ? undefined : await earlierRun(scheduler, reporter, id!);
      const watch = reporter?.watch(id!, message.function, earlier);
      const result = await scheduler.result(id!);
      await compensationsDone(scheduler, store, id!);
      const failed = result.error !== undefined && (result.error.type !== "" || result.error.message !== "");
      watch?.finish(failed ? "failed" : "succeeded");
      if (failed) throw errorFromProto(result.error!, valueCodec);
      return (result.output === undefined ? undefined : fromAny(result.output, valueCodec)) as R;
    } finally {
      if (--this.active === 0) await this.stop();
    }
  }

  async dispatch(call: LazyCall<unknown>): Promise<string> {
    const { scheduler } = await this.start();
    const [id] = await scheduler.dispatch([callMessage(call)]);
    return id!;
  }

  async dispatchAll(calls: LazyCall<unknown>[]): Promise<string[]> {
    const { scheduler } = await this.start();
    return scheduler.dispatch(calls.map((c) => callMessage(c)));
  }

  async sendEvent(key: string, payload: unknown): Promise<{ delivered: boolean }> {
    // The folder held by another process running a scheduler: deliver through it.
    const owner = this.started === undefined && !this.options.memory ? readServerFile(resolve(this.options.dir)) : undefined;
    if (owner !== undefined && owner.pid !== process.pid) {
      try {
        return await new AdminClient(owner).sendEventAny(key, toAny(payload, valueCodec));
      } catch (error) {
        // Gone since its server.json was read: the folder is free, so the event goes to the store below.
        if (!(error instanceof HttpError && error.kind === "transport")) throw error;
      }
    }
    this.active++;
    try {
      const { scheduler } = await this.start();
      return await scheduler.sendEvent(key, toAny(payload, valueCodec));
    } finally {
      if (--this.active === 0) await this.stop();
    }
  }

  /** Closes the scheduler and the store once no run is in flight; the next run opens them again. */
  async stop(): Promise<void> {
    const s = this.started;
    this.started = undefined;
    if (s === undefined) return;
    const { scheduler, store, reporter, admin } = await s;
    await admin?.close();
    reporter?.close();
    await scheduler.close();
    await store.close();
  }
}

/** The admin server is a convenience: a run goes on without it, and says why once. */
async function adminServer(dir: string, scheduler: Scheduler, store: Store): Promise<AdminServer | undefined> {
  try {
    return await startAdminServer(resolve(dir), scheduler, store);
  } catch (error) {
    process.emitWarning(`dispatch: cannot serve the admin routes of ${dir} (other processes cannot reach this run): ${(error as Error).message}`);
    return undefined;
  }
}

/** An idempotency key found a call of an earlier process: was it already finished, or is this run
 * continuing it? The pump may have finished it since it started, so the status alone cannot tell. */
async function earlierRun(scheduler: Scheduler, reporter: RunReporter, id: string): Promise<"finished" | "unfinished"> {
  const status = (await scheduler.get(id))?.status ?? "queued";
  return TERMINAL_STATUSES.has(status) && !reporter.finishedHere(id) ? "finished" : "unfinished";
}
