// Poll rules of the upstream definition: max_wait is required and at least
// 1 s; max_results and min_results are required (proto3 zero means unset) and
// within 1..1000; and, since a scheduler cannot wait for more results than it
// may deliver, min_results <= max_results. The calls follow the Call rules.
// Clamping min/max to the number of outstanding calls is the engine's job;
// this only refuses what a scheduler would refuse.

import { durationProblem, formatDuration } from "./duration.js";
import type { Poll } from "./messages.js";
import { callProblem } from "./validate-call.js";
import { ValidationError } from "./validation-error.js";

export const MIN_POLL_WAIT_SECONDS = 1;
export const MAX_POLL_RESULTS = 1000;

function pollProblem(poll: Poll): string | undefined {
  const wait = poll.maxWait;
  if (wait === undefined) {
    return "max_wait is required";
  }
  const invalid = durationProblem(wait);
  if (invalid !== undefined) {
    return `max_wait is not a valid duration: ${invalid}`;
  }
  if (wait.seconds < BigInt(MIN_POLL_WAIT_SECONDS)) {
    return `max_wait must be at least ${MIN_POLL_WAIT_SECONDS}s, got ${formatDuration(wait)}`;
  }
  for (const [field, value] of [
    ["max_results", poll.maxResults],
    ["min_results", poll.minResults],
  ] as const) {
    if (!(value >= 1 && value <= MAX_POLL_RESULTS)) {
      return `${field} must be in 1..${MAX_POLL_RESULTS}, got ${value}`;
    }
  }
  if (poll.minResults > poll.maxResults) {
    return `min_results (${poll.minResults}) must not exceed max_results (${poll.maxResults})`;
  }
  for (let i = 0; i < poll.calls.length; i++) {
    const problem = callProblem(poll.calls[i]!, `calls[${i}].`);
    if (problem !== undefined) {
      return problem;
    }
  }
  return undefined;
}

/** Returns the poll when it follows the upstream rules; throws a ValidationError otherwise. */
export function validatePoll(poll: Poll): Poll {
  const problem = pollProblem(poll);
  if (problem !== undefined) {
    throw new ValidationError("poll", problem);
  }
  return poll;
}
