// When a failed attempt runs again. Exponential backoff with full jitter (a uniform delay between
// 0 and the exponential ceiling): it spreads a herd of calls that failed together, which a fixed
// or "equal jitter" delay does not. Attempts are bounded by a count and by the call's expiration:
// a retry that would start after the call expired is not scheduled at all.

export interface RetryPolicy {
  /** Runs of one step, the first included (default 10). */
  readonly maxAttempts: number;
  /** Ceiling of the first retry's delay (default 100 ms). */
  readonly initialDelayMs: number;
  /** The ceiling never exceeds this (default 60 s). */
  readonly maxDelayMs: number;
  /** Growth of the ceiling per attempt (default 2). */
  readonly multiplier: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  initialDelayMs: 100,
  maxDelayMs: 60_000,
  multiplier: 2,
};

/** The delay before attempt `attempt + 1`, where `attempt` (1-based) just failed. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export type RetryPlan =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: string };

export function planRetry(
  input: { readonly attempt: number; readonly now: number; readonly expiresAt?: number },
  policy: RetryPolicy,
  random: () => number,
): RetryPlan {
  if (input.attempt >= policy.maxAttempts) {
    return { retry: false, reason: `gave up after ${input.attempt} attempts` };
  }
  const delayMs = backoffDelay(input.attempt, policy, random);
  if (input.expiresAt !== undefined && input.now + delayMs >= input.expiresAt) {
    return { retry: false, reason: `gave up after ${input.attempt} attempts: the call expires before the next one` };
  }
  return { retry: true, delayMs };
}
