export * from "./messages.js";
export { ValidationError, isValidationError } from "./validation-error.js";
export { validateCall, callProblem, isAbsoluteUri, FUNCTION_NAME_PATTERN } from "./validate-call.js";
export { validatePoll, MIN_POLL_WAIT_SECONDS, MAX_POLL_RESULTS } from "./validate-poll.js";
export { validateExit } from "./validate-exit.js";
export {
  durationFromMs,
  durationToMs,
  durationProblem,
  formatDuration,
  MAX_DURATION_SECONDS,
} from "./duration.js";
export {
  timestampFromMs,
  timestampFromDate,
  timestampToMs,
  timestampToDate,
  isTimestampMs,
  MIN_TIMESTAMP_MS,
  MAX_TIMESTAMP_MS,
} from "./timestamp.js";
