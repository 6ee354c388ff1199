// Adaptive concurrency per function: additive increase, multiplicative decrease (AIMD), the
// congestion control of TCP. A retryable status (overload, throttling, transport trouble) halves
// the function's limit; OK and the permanent statuses (the endpoint answered, it is healthy) raise
// it by one. INCOMPATIBLE_STATE says nothing about load and leaves the limit alone.
import { Status } from "../gen/dispatch/sdk/v1/status_pb.js";
import { isRetryable } from "./statuses.js";

export interface ConcurrencyOptions {
  /** Limit of a function the scheduler has not run yet (default 64). */
  readonly initial: number;
  /** The limit never goes below this (default 1). */
  readonly floor: number;
  /** Nor above this (default 1024). */
  readonly ceiling: number;
  /** Added per success (default 1). */
  readonly increase: number;
  /** Multiplied per failure (default 0.5). */
  readonly decreaseFactor: number;
}

export const DEFAULT_CONCURRENCY: ConcurrencyOptions = {
  initial: 64,
  floor: 1,
  ceiling: 1024,
  increase: 1,
  decreaseFactor: 0.5,
};

/** The next limit after a run that ended with `status`. */
export function nextLimit(limit: number, status: Status, options: ConcurrencyOptions): number {
  if (status === Status.INCOMPATIBLE_STATE) return limit;
  const next = isRetryable(status) ? Math.floor(limit * options.decreaseFactor) : limit + options.increase;
  return Math.min(options.ceiling, Math.max(options.floor, next));
}

/** The limits of every function seen so far. */
export class ConcurrencyLimits {
  readonly #limits = new Map<string, number>();

  constructor(readonly options: ConcurrencyOptions) {}

  get(fn: string): number {
    return this.#limits.get(fn) ?? this.initial();
  }

  /** Records a run's status; returns the new limit when it changed. */
  record(fn: string, status: Status): number | undefined {
    const before = this.get(fn);
    const after = nextLimit(before, status, this.options);
    this.#limits.set(fn, after);
    return after === before ? undefined : after;
  }

  /** Functions whose limit moved away from the initial one, with their limits. */
  entries(): IterableIterator<[string, number]> {
    return this.#limits.entries();
  }

  initial(): number {
    return Math.min(this.options.ceiling, Math.max(this.options.floor, this.options.initial));
  }
}
