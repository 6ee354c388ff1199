// Scheduler options: a documented interface, and one function that fills the defaults and
// rejects values that would make the scheduler misbehave silently.
import type { RunRequest, RunResponse } from "../gen/dispatch/sdk/v1/function_pb.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./backoff.js";
import { systemClock, type Clock } from "./clock.js";
import { DEFAULT_CONCURRENCY, type ConcurrencyOptions } from "./concurrency.js";
import { SchedulerError } from "./errors.js";
import type { Store } from "./store/types.js";

/** How the scheduler runs a function: in-process (embedded fast path) or over HTTP (server mode).
 * Throwing = transport failure, classified by error code into TCP/DNS/TLS/HTTP statuses. */
export type Invoker = (endpoint: string, request: RunRequest) => Promise<RunResponse>;

export interface SchedulerOptions {
  readonly store: Store;
  readonly invoker: Invoker;
  /** Default: the system clock. */
  readonly clock: Clock;
  /** Uniform in [0, 1): the retry jitter. Default Math.random. */
  readonly random: () => number;
  readonly retry: RetryPolicy;
  readonly concurrency: ConcurrencyOptions;
  /** Endpoint of calls dispatched without one (children inherit their parent's). Default "". */
  readonly defaultEndpoint: string;
  /** A run that takes longer counts as TIMEOUT (default 5 min). */
  readonly invokeTimeoutMs: number;
  /** Calls claimed per store round trip (default 64). */
  readonly claimBatch: number;
  /** Outcomes written in the same microtask turn share one store operation (default true). */
  readonly batchWrites: boolean;
  /** Finished calls are deleted this long after they finished (default 7 days). */
  readonly retentionMs: number;
  /** Events nobody waited for are deleted this long after they were sent (default 7 days). */
  readonly eventRetentionMs: number;
  /** How often housekeeping runs; 0 = only when `cleanup()` is called (default 1 h). */
  readonly housekeepingIntervalMs: number;
}

export type SchedulerInit = Pick<SchedulerOptions, "store" | "invoker"> &
  Partial<Omit<SchedulerOptions, "store" | "invoker" | "retry" | "concurrency">> & {
    readonly retry?: Partial<RetryPolicy>;
    readonly concurrency?: Partial<ConcurrencyOptions>;
  };

const DAY = 24 * 60 * 60 * 1000;

function atLeast(name: string, value: number, min: number): void {
  if (!(value >= min)) throw new SchedulerError(`cannot create scheduler: ${name} must be at least ${min}, got ${value}`);
}

export function schedulerOptions(init: SchedulerInit): SchedulerOptions {
  const options: SchedulerOptions = {
    clock: systemClock,
    random: Math.random,
    defaultEndpoint: "",
    invokeTimeoutMs: 5 * 60_000,
    claimBatch: 64,
    batchWrites: true,
    retentionMs: 7 * DAY,
    eventRetentionMs: 7 * DAY,
    housekeepingIntervalMs: 60 * 60_000,
    ...init,
    retry: { ...DEFAULT_RETRY_POLICY, ...init.retry },
    concurrency: { ...DEFAULT_CONCURRENCY, ...init.concurrency },
  };
  atLeast("retry.maxAttempts", options.retry.maxAttempts, 1);
  atLeast("retry.multiplier", options.retry.multiplier, 1);
  atLeast("concurrency.floor", options.concurrency.floor, 1);
  atLeast("concurrency.ceiling", options.concurrency.ceiling, options.concurrency.floor);
  atLeast("claimBatch", options.claimBatch, 1);
  atLeast("invokeTimeoutMs", options.invokeTimeoutMs, 1);
  return options;
}
