// A Poll the scheduler cannot honour is the endpoint's bug, not a transient failure: the call
// fails with INVALID_RESPONSE and none of its calls are dispatched. The limits are the upstream
// ones (min/max results 1..1000, max_wait at least 1 s), which the engine must clamp to.
import { durationMs } from "@bufbuild/protobuf/wkt";
import type { Poll } from "../gen/dispatch/sdk/v1/poll_pb.js";
import { POLL_LIMITS } from "./poll-accounting.js";
import { callProblem } from "./validate-call.js";

function outOfRange(name: string, value: number): string | undefined {
  if (value >= POLL_LIMITS.minResults && value <= POLL_LIMITS.maxResults) return undefined;
  return `${name} must be between ${POLL_LIMITS.minResults} and ${POLL_LIMITS.maxResults}, got ${value}`;
}

/** The first thing wrong with a Poll, or undefined when it can be recorded. */
export function pollProblem(poll: Poll): string | undefined {
  const range = outOfRange("min_results", poll.minResults) ?? outOfRange("max_results", poll.maxResults);
  if (range) return range;
  if (!poll.maxWait) return "max_wait is required";
  const waitMs = durationMs(poll.maxWait);
  if (waitMs < POLL_LIMITS.minWaitMs) {
    return `max_wait must be at least ${POLL_LIMITS.minWaitMs} ms, got ${waitMs} ms`;
  }
  const seen = new Set<bigint>();
  for (const [index, call] of poll.calls.entries()) {
    if (seen.has(call.correlationId)) {
      return `call ${index} reuses correlation id ${call.correlationId}`;
    }
    seen.add(call.correlationId);
    const problem = callProblem(call);
    if (problem) return `call ${index} (${JSON.stringify(call.function)}): ${problem}`;
  }
  return undefined;
}
