// What a run's answer means for its call, decided without touching the store. The status is
// read first: a retryable status retries the step whatever the directive says (so a tail call
// with TEMPORARY_ERROR is retried, never followed in a loop); INCOMPATIBLE_STATE has its own
// policy; any other error status finishes the call. Only with OK does the directive count.
import type { Call } from "../gen/dispatch/sdk/v1/call_pb.js";
import type { RunResponse } from "../gen/dispatch/sdk/v1/function_pb.js";
import type { Poll } from "../gen/dispatch/sdk/v1/poll_pb.js";
import { Status } from "../gen/dispatch/sdk/v1/status_pb.js";
import { encodeAny } from "./any-bytes.js";
import { isReserved } from "./reserved.js";
import { encodeResult, errorResult } from "./results.js";
import { errorTypeOf, isRetryable, statusName } from "./statuses.js";
import type { ResultData } from "./store/types.js";
import { classifyTransportError } from "./transport-errors.js";
import { callProblem } from "./validate-call.js";
import { pollProblem } from "./validate-poll.js";

export type RunOutcome =
  /** `cancel`: Exit.cancel_correlation_ids, children to cancel as the call finishes. */
  | { readonly kind: "exit"; readonly status: Status; readonly result: ResultData; readonly failed: boolean; readonly cancel?: readonly bigint[] }
  | { readonly kind: "poll"; readonly status: Status; readonly poll: Poll; readonly state: Uint8Array; readonly stateTyped: boolean }
  | { readonly kind: "tail"; readonly status: Status; readonly call: Call }
  /** `error`: the error the call ends with if it runs out of attempts (the function's own, if it sent one). */
  | { readonly kind: "retry"; readonly status: Status; readonly message: string; readonly error?: ResultData }
  | { readonly kind: "incompatible"; readonly status: Status };

interface RunContext {
  readonly id: string;
  readonly function: string;
}

function invalid(context: RunContext, what: string, problem: string): RunOutcome {
  const message = `cannot accept ${what} from call ${context.id} (${context.function}): ${problem}`;
  return { kind: "exit", status: Status.INVALID_RESPONSE, result: errorResult("InvalidResponseError", message), failed: true };
}

export function interpretResponse(response: RunResponse, context: RunContext): RunOutcome {
  const { status, directive } = response;
  const result = directive.case === "exit" ? directive.value.result : undefined;
  if (status === Status.UNSPECIFIED) return invalid(context, "response", "status is not set");
  if (status === Status.INCOMPATIBLE_STATE) return { kind: "incompatible", status };
  if (isRetryable(status)) {
    const message = result?.error ? `${result.error.type}: ${result.error.message}` : statusName(status);
    return { kind: "retry", status, message, ...(result?.error ? { error: encodeResult({ error: result.error }) } : {}) };
  }
  if (status !== Status.OK) {
    const own = result?.error ? encodeResult(result) : undefined;
    const made = errorResult(errorTypeOf(status), `cannot run call ${context.id} (${context.function}): the endpoint answered ${statusName(status)}`);
    return { kind: "exit", status, result: own ?? made, failed: true };
  }
  if (directive.case === "exit") {
    const tail = directive.value.tailCall;
    if (tail) {
      const problem = callProblem(tail) ?? (isReserved(tail.function) ? "a tail call cannot go to a reserved function" : undefined);
      return problem ? invalid(context, "tail call", problem) : { kind: "tail", status, call: tail };
    }
    if (!result) return invalid(context, "exit", "result is required");
    const cancel = directive.value.cancelCorrelationIds;
    // Every call that returns comes here: no object spread (V8's slow clone path).
    if (cancel.length > 0) return { kind: "exit", status, result: encodeResult(result), failed: result.error !== undefined, cancel };
    return { kind: "exit", status, result: encodeResult(result), failed: result.error !== undefined };
  }
  if (directive.case === "poll") {
    const poll = directive.value;
    const problem = pollProblem(poll);
    if (problem) return invalid(context, "poll", problem);
    const state = poll.state;
    if (state.case === "typedCoroutineState") {
      return { kind: "poll", status, poll, state: encodeAny(state.value), stateTyped: true };
    }
    return { kind: "poll", status, poll, state: state.value ?? new Uint8Array(0), stateTyped: false };
  }
  return invalid(context, "response", "it has neither exit nor poll");
}

/** An Invoker threw: the endpoint could not be reached or did not answer in time. */
export function transportFailure(error: unknown): RunOutcome {
  const status = classifyTransportError(error);
  const message = `${statusName(status)}: ${error instanceof Error ? error.message : String(error)}`;
  if (isRetryable(status)) return { kind: "retry", status, message };
  return { kind: "exit", status, result: errorResult(errorTypeOf(status), message), failed: true };
}

