// Writing a run's outcome to the store through the core's OutcomeWriter (which batches outcomes
// and claims what they made runnable), each fenced by the attempt that produced it. A write that is not applied means the call was cancelled (or claimed again
// after a crash) while it ran: the outcome is dropped and reported as "call:stale".
import { create } from "@bufbuild/protobuf";
import { AnySchema, durationMs } from "@bufbuild/protobuf/wkt";
import type { Call } from "../gen/dispatch/sdk/v1/call_pb.js";
import { encodeAny } from "./any-bytes.js";
import { planRetry } from "./backoff.js";
import type { Core } from "./core.js";
import type { RunOutcome } from "./interpret-response.js";
import { toNewCall } from "./new-calls.js";
import { pollDeadline } from "./poll-accounting.js";
import { CANCELLED_RESULT, errorResult } from "./results.js";
import { errorTypeOf, statusName } from "./statuses.js";
import type { CallRecord, ClaimedCall, Completion, Outcome, ResultData } from "./store/types.js";

/** INCOMPATIBLE_STATE on a resume restarts the call from its input this many times, then fails it. */
export const INCOMPATIBLE_STATE_RESTARTS = 1;

function settle(core: Core, call: CallRecord, outcome: Outcome): boolean {
  const applied = outcome.applied[0] === true;
  if (!applied) core.emitter.emit("call:stale", { id: call.id, function: call.function, attempt: call.attempt });
  core.finished(outcome.finished);
  return applied;
}

export async function complete(
  core: Core,
  call: CallRecord,
  status: "succeeded" | "failed",
  result: ResultData,
  cancel?: readonly bigint[],
): Promise<void> {
  const now = core.clock.now();
  // A literal and an assignment rather than a spread: this runs for every call that finishes,
  // and an object spread goes through V8's slow clone path.
  const completion: { -readonly [K in keyof Completion]: Completion[K] } = { id: call.id, attempt: call.attempt, status, result, cancelled: CANCELLED_RESULT };
  if (cancel && cancel.length > 0) completion.cancel = cancel;
  settle(core, call, await core.writer.complete(completion, now));
}

// Not async itself: every branch returns the promise of an async function, and an async function
// returning a promise adds a promise and three turns per call (resolving with a thenable).
export function applyOutcome(core: Core, { call }: ClaimedCall, outcome: RunOutcome): Promise<void> {
  switch (outcome.kind) {
    case "exit":
      return complete(core, call, outcome.failed ? "failed" : "succeeded", outcome.result, outcome.cancel);
    case "retry":
      return retry(core, call, outcome);
    case "incompatible":
      return incompatible(core, call);
    case "tail":
      return tail(core, call, outcome.call);
    case "poll":
      return poll(core, call, outcome);
  }
}

async function retry(core: Core, call: CallRecord, outcome: Extract<RunOutcome, { kind: "retry" }>): Promise<void> {
  const now = core.clock.now();
  const { retry: policy, random } = core.options;
  const plan = planRetry({ attempt: call.attempt, now, ...(call.expiresAt !== undefined ? { expiresAt: call.expiresAt } : {}) }, policy, random);
  if (!plan.retry) {
    const message = `cannot run call ${call.id} (${call.function}): ${plan.reason}: ${outcome.message}`;
    return complete(core, call, "failed", outcome.error ?? errorResult(errorTypeOf(outcome.status), message));
  }
  const change = { kind: "retry", id: call.id, attempt: call.attempt, readyAt: now + plan.delayMs } as const;
  if (settle(core, call, await core.writer.reschedule(change, now))) {
    core.readyAt(change.readyAt);
    core.emitter.emit("call:retry", {
      id: call.id,
      function: call.function,
      attempt: call.attempt,
      status: statusName(outcome.status),
      delayMs: plan.delayMs,
      message: outcome.message,
    });
  }
}

async function incompatible(core: Core, call: CallRecord): Promise<void> {
  const now = core.clock.now();
  if (call.state !== undefined && call.restarts < INCOMPATIBLE_STATE_RESTARTS) {
    const change = { kind: "restart", id: call.id, attempt: call.attempt, readyAt: now, cancelled: CANCELLED_RESULT } as const;
    if (settle(core, call, await core.writer.reschedule(change, now))) {
      core.emitter.emit("call:restart", { id: call.id, function: call.function });
    }
    return;
  }
  const message =
    call.state === undefined
      ? `cannot run call ${call.id} (${call.function}): the endpoint answered INCOMPATIBLE_STATE to its input`
      : `cannot resume call ${call.id} (${call.function}): its state is incompatible again after a restart from its input`;
  return complete(core, call, "failed", errorResult("IncompatibleStateError", message));
}

async function tail(core: Core, call: CallRecord, next: Call): Promise<void> {
  const now = core.clock.now();
  const expiresAt = next.expiration ? now + durationMs(next.expiration) : call.expiresAt;
  const change = {
    kind: "tail",
    id: call.id,
    attempt: call.attempt,
    readyAt: now,
    endpoint: next.endpoint || call.endpoint,
    function: next.function,
    version: next.version,
    input: encodeAny(next.input ?? create(AnySchema)),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  } as const;
  if (settle(core, call, await core.writer.reschedule(change, now))) {
    core.emitter.emit("call:tail", { id: call.id, from: call.function, to: next.function });
  }
}

async function poll(core: Core, call: CallRecord, outcome: Extract<RunOutcome, { kind: "poll" }>): Promise<void> {
  const now = core.clock.now();
  const { poll } = outcome;
  const placement = { now, endpoint: call.endpoint, parentId: call.id, rootId: call.rootId };
  const children = poll.calls.map((c) => toNewCall(c, placement));
  const maxWaitMs = durationMs(poll.maxWait!);
  const record = {
    id: call.id,
    attempt: call.attempt,
    state: outcome.state,
    stateTyped: outcome.stateTyped,
    minResults: poll.minResults,
    maxResults: poll.maxResults,
    deadline: pollDeadline(now, maxWaitMs, call.expiresAt),
    children,
    cancel: poll.cancelCorrelationIds,
    cancelled: CANCELLED_RESULT,
  };
  const written = await core.writer.poll(record, now);
  if (written.applied[0]) {
    core.readyAt(record.deadline);
    // Children ready now were seen by the claim made with the write; only timers need setting.
    for (const child of children) if (child.readyAt !== undefined && child.readyAt > now) core.readyAt(child.readyAt);
    core.dispatched(children);
    if (core.emitter.has("call:poll")) {
      core.emitter.emit("call:poll", {
        id: call.id,
        function: call.function,
        calls: children.length,
        cancelled: poll.cancelCorrelationIds.length,
        minResults: poll.minResults,
        maxResults: poll.maxResults,
        maxWaitMs,
      });
    }
  }
  settle(core, call, written);
}
