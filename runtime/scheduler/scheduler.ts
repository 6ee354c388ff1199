// The scheduler: DispatchService semantics over a Store, running calls through an Invoker.
// This file is the public face; the pump claims and starts calls, executeCall runs one attempt,
// applyOutcome writes its outcome. Whatever is acknowledged outside the process (a dispatched call's
// id, a cancellation, a sent event) is committed by the store before it resolves; the outcomes of
// runs may be committed in groups (Store's durability policy, store/types.ts).
import { create } from "@bufbuild/protobuf";
import type { Any } from "@bufbuild/protobuf/wkt";
import type { Call, CallResult } from "../gen/dispatch/sdk/v1/call_pb.js";
import { DispatchResponseSchema, type DispatchRequest, type DispatchResponse } from "../gen/dispatch/sdk/v1/dispatch_pb.js";
import { encodeAny } from "./any-bytes.js";
import { toCallInfo, type CallInfo } from "./call-info.js";
import type { TimerHandle } from "./clock.js";
import { ConcurrencyLimits } from "./concurrency.js";
import type { Core } from "./core.js";
import { SchedulerError } from "./errors.js";
import type { SchedulerEvents } from "./events.js";
import { executeCall } from "./execute-call.js";
import { runHousekeeping } from "./housekeeping.js";
import { toNewCall } from "./new-calls.js";
import { schedulerOptions, type SchedulerInit, type SchedulerOptions } from "./options.js";
import { OutcomeWriter } from "./outcome-writer.js";
import { Pump } from "./pump.js";
import { CANCELLED_RESULT, decodeResult } from "./results.js";
import { isTerminal, type CallStatus, type Finished, type NewCall } from "./store/types.js";
import { TypedEmitter } from "./typed-emitter.js";
import { callProblem } from "./validate-call.js";

export interface DispatchOptions {
  /** One per call (undefined: none). A root call whose key is known returns the existing call's id. */
  readonly idempotencyKeys?: readonly (string | undefined)[];
}

interface Waiter {
  resolve(result: CallResult): void;
  reject(error: Error): void;
}

export class Scheduler {
  readonly options: SchedulerOptions;
  readonly #emitter = new TypedEmitter<SchedulerEvents>();
  readonly #core: Core;
  readonly #pump: Pump;
  readonly #waiters = new Map<string, Waiter[]>();
  #housekeeping: TimerHandle | undefined;
  #closed = false;

  constructor(init: SchedulerInit) {
    this.options = schedulerOptions(init);
    const limits = new ConcurrencyLimits(this.options.concurrency);
    const writer = new OutcomeWriter(
      this.options.store,
      {
        reserve: () => this.#pump.reserveClaim(),
        claimed: (claimed, request) => this.#pump.claimedInWrite(claimed, request),
        released: () => this.#pump.releaseClaim(),
        wake: () => this.#pump.wake(),
      },
      this.options.batchWrites,
    );
    this.#core = {
      options: this.options,
      store: this.options.store,
      clock: this.options.clock,
      emitter: this.#emitter,
      limits,
      writer,
      dispatched: (calls, inserted) => this.#dispatched(calls, inserted),
      finished: (list) => this.#finished(list),
      readyAt: (at) => this.#pump.readyAt(at),
    };
    this.#pump = new Pump(this.#core, (claimed) => executeCall(this.#core, claimed));
    // A store that commits outcomes in groups (the file store) makes them durable as soon as
    // nothing is left to do, instead of at the end of its window.
    this.#emitter.on("scheduler:idle", () => {
      this.#core.store.commit().catch((error: unknown) => this.#emitter.emit("scheduler:error", { error, during: "commit" }));
    });
  }

  /** Resumes what an earlier process left running (at-least-once) and starts running calls. */
  async start(): Promise<void> {
    await this.#core.store.requeueRunning(this.options.clock.now());
    this.#pump.start();
    this.#scheduleHousekeeping();
  }

  /** DispatchService.Dispatch: all calls are stored (atomically) before their ids are returned. */
  async dispatch(calls: readonly Call[], options: DispatchOptions = {}): Promise<string[]> {
    const keys = options.idempotencyKeys;
    if (keys && keys.length !== calls.length) {
      throw new SchedulerError(`cannot dispatch calls: ${keys.length} idempotency keys for ${calls.length} calls`);
    }
    for (const [index, call] of calls.entries()) {
      const problem = callProblem(call);
      if (problem) throw new SchedulerError(`cannot dispatch call ${index} (${JSON.stringify(call.function)}): ${problem}`);
    }
    const now = this.options.clock.now();
    const records = calls.map((call, i) =>
      toNewCall(call, { now, endpoint: this.options.defaultEndpoint, ...(keys?.[i] !== undefined ? { idempotencyKey: keys[i] } : {}) }),
    );
    const outcome = await this.#core.store.insertCalls(records, now);
    this.#dispatched(records, outcome.inserted);
    this.#finished(outcome.finished);
    for (const r of records) if (r.readyAt !== undefined) this.#pump.readyAt(r.readyAt);
    this.#pump.wake();
    return [...outcome.ids];
  }

  /** The DispatchService.Dispatch RPC. */
  async serveDispatch(request: DispatchRequest): Promise<DispatchResponse> {
    return create(DispatchResponseSchema, { dispatchIds: await this.dispatch(request.calls) });
  }

  /** The result of a call once it has finished (a cancelled call: an Error of type "CancelledError"). */
  async result(id: string): Promise<CallResult> {
    const waiter = new Promise<CallResult>((resolve, reject) => {
      const list = this.#waiters.get(id) ?? [];
      list.push({ resolve, reject });
      this.#waiters.set(id, list);
    });
    // Registered before reading, so a call finishing during the read is not missed.
    const record = await this.#core.store.getCall(id);
    if (!record) this.#settle(id, (w) => w.reject(new SchedulerError(`cannot get result of call ${id}: no such call`)));
    else if (isTerminal(record.status)) this.#settle(id, (w) => w.resolve(decodeResult(record.result!, id)));
    return waiter;
  }

  async get(id: string): Promise<CallInfo | undefined> {
    const record = await this.#core.store.getCall(id);
    return record && toCallInfo(record);
  }

  /** Root calls, newest first. */
  async list(filter: { readonly status?: CallStatus; readonly limit?: number } = {}): Promise<CallInfo[]> {
    const records = await this.#core.store.listCalls({ limit: filter.limit ?? 100, ...(filter.status ? { status: filter.status } : {}) });
    return records.map(toCallInfo);
  }

  /** Cancels a call and its subtree. False when the call is unknown or already finished. */
  async cancel(id: string): Promise<boolean> {
    const outcome = await this.#core.store.cancelCalls([id], CANCELLED_RESULT, this.options.clock.now());
    this.#finished(outcome.finished);
    this.#pump.wake();
    return outcome.applied[0] === true;
  }

  /** Delivers `payload` to the oldest call waiting on `key`, or keeps it for the first one. */
  async sendEvent(key: string, payload: Any): Promise<{ readonly delivered: boolean }> {
    if (key === "") throw new SchedulerError("cannot send event: the key is empty");
    const outcome = await this.#core.store.sendEvent(key, encodeAny(payload), this.options.clock.now());
    const waiterId = outcome.finished[0]?.id;
    this.#emitter.emit("event:sent", { key, stored: outcome.stored, ...(waiterId ? { waiterId } : {}) });
    this.#finished(outcome.finished);
    this.#pump.wake();
    return { delivered: !outcome.stored };
  }

  /** Deletes finished calls and kept events past their retention. */
  cleanup(): Promise<{ calls: number; events: number }> {
    return runHousekeeping(this.#core);
  }

  /** The current concurrency limit of a function. */
  concurrencyLimit(fn: string): number {
    return this.#core.limits.get(fn);
  }

  on<K extends keyof SchedulerEvents>(name: K, listener: (payload: SchedulerEvents[K]) => void): () => void {
    return this.#emitter.on(name, listener);
  }

  next<K extends keyof SchedulerEvents>(name: K, predicate?: (payload: SchedulerEvents[K]) => boolean): Promise<SchedulerEvents[K]> {
    return this.#emitter.next(name, predicate);
  }

  /** Resolves when nothing runs and nothing is runnable now (timers may still be pending). */
  async idle(): Promise<void> {
    if (this.#pump.idle) return;
    await this.next("scheduler:idle");
  }

  /** Stops claiming, lets the runs in flight record their outcomes. The store stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#housekeeping?.cancel();
    await this.#pump.stop();
    for (const id of [...this.#waiters.keys()]) {
      this.#settle(id, (w) => w.reject(new SchedulerError(`cannot get result of call ${id}: the scheduler is closed`)));
    }
  }

  /** Stops at once as if the process died: runs in flight are forgotten (tests of recovery). */
  abandon(): void {
    this.#closed = true;
    this.#housekeeping?.cancel();
    this.#pump.abandon();
  }

  #scheduleHousekeeping(): void {
    const every = this.options.housekeepingIntervalMs;
    if (every <= 0 || this.#closed) return;
    this.#housekeeping = this.options.clock.setTimer(
      every,
      () => {
        runHousekeeping(this.#core)
          .catch((error: unknown) => this.#emitter.emit("scheduler:error", { error, during: "housekeeping" }))
          .finally(() => this.#scheduleHousekeeping());
      },
      { keepAlive: false },
    );
  }

  #dispatched(calls: readonly NewCall[], inserted?: readonly boolean[]): void {
    if (!this.#emitter.has("call:dispatched")) return;
    for (const [i, call] of calls.entries()) {
      if (inserted && !inserted[i]) continue;
      this.#emitter.emit("call:dispatched", {
        id: call.id,
        function: call.function,
        rootId: call.rootId,
        ...(call.parentId !== undefined ? { parentId: call.parentId } : {}),
      });
    }
  }

  #finished(list: readonly Finished[]): void {
    for (const f of list) {
      if (f.status === "cancelled") {
        this.#emitter.emit("call:cancelled", { id: f.id, function: f.function, delivered: f.delivered, ...(f.parentId !== undefined ? { parentId: f.parentId } : {}) });
      }
      // This runs once per finished call: nothing is built unless a waiter or a listener is there.
      const listening = f.status !== "cancelled" && this.#emitter.has("call:done");
      if (!listening && !this.#waiters.has(f.id)) continue;
      // Decoded only when a waiter or a listener reads the result (the run reporter listens to
      // every call:done but never reads it).
      let decoded: CallResult | undefined;
      const result = () => (decoded ??= decodeResult(f.result, f.id));
      if (listening) {
        const { id, function: fn, status, delivered } = f;
        this.#emitter.emit("call:done", {
          id,
          function: fn,
          status: status as "succeeded" | "failed",
          get result() {
            return result();
          },
          delivered,
          ...(f.parentId !== undefined ? { parentId: f.parentId } : {}),
        });
      }
      // A result handed out is acknowledged outside the scheduler (a dispatch.run returns it, a
      // server answers with it), so its waiters get it once the store has made it durable, not
      // within the commit window in which a group-committing store may still lose it.
      if (this.#waiters.has(f.id)) {
        this.#core.store.commit().then(
          () => this.#settle(f.id, (w) => w.resolve(result())),
          (error: unknown) => this.#settle(f.id, (w) => w.reject(error as Error)),
        );
      }
    }
  }

  #settle(id: string, fn: (waiter: Waiter) => void): void {
    const list = this.#waiters.get(id);
    if (!list) return;
    this.#waiters.delete(id);
    for (const waiter of list) fn(waiter);
  }
}

/** A started scheduler. */
export async function createScheduler(init: SchedulerInit): Promise<Scheduler> {
  const scheduler = new Scheduler(init);
  await scheduler.start();
  return scheduler;
}
