// The engine: one RunRequest in, one RunResponse out. `input` starts the
// function; `poll_result` opens and authenticates the state, delivers the
// results by correlation id and re-enters the tree. The answer is Exit (result,
// error with its status) when the root settles, or Poll (state, new calls,
// min/max results, max_wait) when every live branch waits on a durable
// operation. Problems with the state itself (foreign build, tampering) answer
// INCOMPATIBLE_STATE or INVALID_ARGUMENT, never an exception.
import type { Any } from "@bufbuild/protobuf/wkt";
import { Status, type Call, type RunRequest, type RunResponse, type CallResult } from "../proto/messages.js";
import { callLiteral, callResult, exitResponse, pollResponse } from "./response-messages.js";
import { durationFromMs } from "../proto/duration.js";
import { timestampToDate } from "../proto/timestamp.js";
import { toAny, fromAny, errorToProto, errorFromProto } from "../values/index.js";
import { statusOf, statusOfOutput } from "../status/index.js";
import { valueCodec } from "./value-codec.js";
import { Kernel, KernelState } from "./kernel.js";
import { Tree } from "./tree.js";
import { context } from "./context.js";
import { Run, type CallContext } from "./run.js";
import { decodeTree, encodeTree, reenter } from "./tree-state.js";
import { StateError, isStateError } from "./state-error.js";
import { CallState, type DurableCall } from "./durable-call.js";
import { Directive } from "./directive.js";
import { TailCall } from "./tail-call.js";
import { functionByName, type RegisteredFunction } from "./function-registry.js";

export interface EngineOptions {
  /** Key that authenticates state (HMAC-SHA256). Every process resuming a state needs the same key. */
  stateKey: Uint8Array;
  /** Poll.max_wait (at least 1 s by the protocol). */
  pollMaxWaitMs?: number;
  /** Upper bound of Poll.max_results (1..1000). */
  pollMaxResults?: number;
  /** Dispatches calls started but never awaited (detached) before Exit; returns their dispatch ids. */
  dispatchDetached?: (calls: Call[]) => Promise<string[]>;
}

export class Engine {
  constructor(readonly options: EngineOptions) {}

  async run(req: RunRequest): Promise<RunResponse> {
    const fn = functionByName(req.function);
    if (fn === undefined) return exitError(Status.NOT_FOUND, new Error(`function '${req.function}' does not exist`));
    const ctx = callContext(req, fn);
    const run = new Run(ctx);
    try {
      if (req.directive.case === "pollResult") this.resume(run, fn, req.directive.value);
      else this.start(run, fn, req.directive.case === "input" ? req.directive.value : undefined);
    } catch (e) {
      if (isStateError(e)) return exitError(e.code === "incompatible" ? Status.INCOMPATIBLE_STATE : Status.INVALID_ARGUMENT, e);
      return exitError(statusOf(e), e);
    }
    const outcome = await run.outcome;
    // The run's frames are done or abandoned now; the context may still point at one of them.
    context.forgetStale();
    if (outcome.kind === "exit") return this.exit(run, outcome.ok, outcome.value);
    return this.poll(run);
  }

  private start(run: Run, fn: RegisteredFunction, input: Any | undefined): void {
    const decoded = input === undefined ? undefined : fromAny(input, valueCodec);
    const args = Array.isArray(decoded) ? decoded : decoded === undefined ? [] : [decoded];
    const k = new Kernel(fn.descriptor);
    // The tree knows its run before the first statement runs: calls made before the first await are durable.
    k.tree = new Tree();
    k.tree.run = run;
    k.tree.add(k);
    context.nextKernel = k;
    const saved = context.current;
    context.current = null;
    let p: Promise<unknown>;
    try {
      // A method's input starts with its receiver.
      p = fn.receiver ? fn.descriptor.impl!.apply(args[0], args.slice(1)) : fn.descriptor.impl!.apply(undefined, args);
    } finally {
      context.nextKernel = null;
      context.current = saved;
    }
    k.promise = p;
    run.attach(k, p);
  }

  private resume(run: Run, fn: RegisteredFunction, pr: { coroutineState?: Uint8Array; state: { case: string | undefined; value?: unknown }; results: CallResult[]; error?: unknown }): void {
    const stateBytes = pr.state.case === "coroutineState" ? (pr.state.value as Uint8Array) : undefined;
    if (stateBytes === undefined) throw new StateError(`cannot resume ${fn.name}: the poll result carries no coroutine state`, "corrupt");
    const d = decodeTree(stateBytes, this.options.stateKey);
    run.nextCorrelationId = d.next;
    for (const [id, c] of d.calls) run.calls.set(id, c);
    if (pr.error !== undefined) {
      // None of the last poll's calls were dispatched: send them again.
      for (const c of run.calls.values()) if (c.state === CallState.Pending) c.state = CallState.New;
    }
    for (const r of pr.results) {
      const c = run.calls.get(Number(r.correlationId));
      if (c === undefined || c.state === CallState.Settled) continue; // a late result of a cancelled call
      if (r.error !== undefined && (r.error.type !== "" || r.error.message !== "")) c.settle(false, errorFromProto(r.error, valueCodec));
      else c.settle(true, r.output === undefined ? undefined : fromAny(r.output, valueCodec));
      run.calls.delete(c.correlationId);
    }
    d.root.tree = d.tree;
    run.attachResumed(d.root, d.tree);
    reenter(d);
  }

  // Synchronous unless there are detached calls to dispatch: run() returning a promise from an
  // async function costs a promise and three turns more, for every call that returns.
  private exit(run: Run, ok: boolean, value: unknown): RunResponse | Promise<RunResponse> {
    const detached = run.takeNewCalls().filter((c) => !c.awaited);
    if (detached.length > 0 && this.options.dispatchDetached) {
      return this.options.dispatchDetached(detached.map((c) => callMessage(c))).then(() => this.exited(run, ok, value));
    }
    return this.exited(run, ok, value);
  }

  private exited(run: Run, ok: boolean, value: unknown): RunResponse {
    // Losers of an any/race decided by this run would otherwise run on after
    // the caller is gone: the Exit carries their cancellation.
    const cancel = run.takeCancelled().map((c) => BigInt(c.correlationId));
    const response = this.exitResponse(run, ok, value);
    if (cancel.length > 0 && response.directive.case === "exit") response.directive.value.cancelCorrelationIds = cancel;
    return response;
  }

  private exitResponse(run: Run, ok: boolean, value: unknown): RunResponse {
    if (!ok) return exitError(statusOf(value), value);
    if (value instanceof TailCall) {
      // produces: Exit { result: {}, tail_call: Call { function, input } }  (result is required alongside)
      const call = callLiteral(0n, value.target.function, "", toAny(value.args, valueCodec), undefined, "");
      return exitResponse(Status.OK, callResult(undefined), call);
    }
    let output: Any;
    try {
      output = toAny(value, valueCodec);
    } catch (e) {
      return exitError(Status.PERMANENT_ERROR, new Error(`cannot return the result of ${run.context.function}: ${(e as Error).message}`, { cause: e }));
    }
    return exitResponse(statusOfOutput(value), callResult(output));
  }

  private poll(run: Run): RunResponse {
    const calls = run.takeNewCalls();
    const cancelled = run.takeCancelled();
    const pending = run.pending();
    if (pending.length === 0) {
      return exitError(Status.PERMANENT_ERROR, new Error(`${run.context.function} waits on nothing that can complete (every branch awaits a cancelled or missing call)`));
    }
    let state: Uint8Array;
    try {
      state = encodeTree(run, this.options.stateKey);
    } catch (e) {
      return exitError(Status.PERMANENT_ERROR, e);
    }
    const needed = minResultsNeeded(run);
    const maxResults = Math.min(this.options.pollMaxResults ?? 1000, pending.length);
    const minResults = Math.max(1, Math.min(needed, maxResults));
    return pollResponse(Status.OK, {
      state: { case: "coroutineState", value: state },
      calls: calls.map((c) => callMessage(c)),
      minResults,
      maxResults,
      maxWait: durationFromMs(Math.max(1000, this.options.pollMaxWaitMs ?? 60_000)),
      cancelCorrelationIds: cancelled.map((c) => BigInt(c.correlationId)),
    });
  }
}

/** The fewest results that can let some waiting frame continue. */
function minResultsNeeded(run: Run): number {
  let need = Infinity;
  for (const k of run.tree.live()) {
    if (k.state !== KernelState.WaitingDurable) continue;
    const w = k.waitingOn;
    if (w instanceof Directive) need = Math.min(need, Math.max(1, w.resultsNeeded()));
    else if (w !== null && !(w instanceof Kernel)) need = Math.min(need, 1);
  }
  return need === Infinity ? 1 : need;
}

function callMessage(c: DurableCall): Call {
  const { target } = c;
  return callLiteral(
    BigInt(c.correlationId),
    target.function,
    target.endpoint ?? "",
    target.input ?? toAny(c.args ?? [], valueCodec),
    target.expirationMs !== undefined ? durationFromMs(target.expirationMs) : undefined,
    target.version ?? "",
  );
}

function exitError(status: Status, error: unknown): RunResponse {
  return exitResponse(status, callResult(undefined, errorToProto(error, valueCodec)));
}

function callContext(req: RunRequest, fn: RegisteredFunction): CallContext {
  return {
    dispatchId: req.dispatchId,
    parentDispatchId: req.parentDispatchId,
    rootDispatchId: req.rootDispatchId,
    creationTime: req.creationTime ? timestampToDate(req.creationTime) : undefined,
    expirationTime: req.expirationTime ? timestampToDate(req.expirationTime) : undefined,
    attempt: req.attempt || 1,
    function: fn.name,
  };
}
