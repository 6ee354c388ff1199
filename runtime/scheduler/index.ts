export { Scheduler, createScheduler, type DispatchOptions } from "./scheduler.js";
export { schedulerOptions, type Invoker, type SchedulerInit, type SchedulerOptions } from "./options.js";
export type { SchedulerEvents, SchedulerEventName } from "./events.js";
export type { CallInfo } from "./call-info.js";
export { systemClock, type Clock, type TimerHandle } from "./clock.js";
export { ManualClock } from "./manual-clock.js";
export { SchedulerError, isSchedulerError } from "./errors.js";
export { DEFAULT_RETRY_POLICY, backoffDelay, planRetry, type RetryPolicy, type RetryPlan } from "./backoff.js";
export { DEFAULT_CONCURRENCY, ConcurrencyLimits, nextLimit, type ConcurrencyOptions } from "./concurrency.js";
export { POLL_LIMITS, pollDeadline, pollReadyAt, resumeBatchSize } from "./poll-accounting.js";
export {
  SLEEP_FUNCTION,
  WAIT_FOR_EVENT_FUNCTION,
  decodeEventWait,
  decodeSleep,
  eventWaitInput,
  isReserved,
  sleepInput,
  type EventWait,
} from "./reserved.js";
export { INCOMPATIBLE_STATE_RESTARTS } from "./apply-outcome.js";
export { classifyTransportError } from "./transport-errors.js";
export { isRetryable } from "./statuses.js";
export { FUNCTION_PATTERN, callProblem } from "./validate-call.js";
export { pollProblem } from "./validate-poll.js";
export * from "./store/index.js";
