// Poll accounting: when a suspended call resumes and with how many results. A waiting call runs
// again as soon as `min_results` undelivered results are in, or at its deadline (now + max_wait,
// never after the call expires), whichever comes first; one resume carries at most `max_results`
// of them, oldest first, and the rest stay for the next one. Stores apply `pollReadyAt` in the same
// transaction that delivers a result, so that a crash can never leave a ready call asleep.

export const POLL_LIMITS = {
  minResults: 1,
  maxResults: 1000,
  minWaitMs: 1000,
} as const;

/** The time a waiting call runs again, given how many results it has not seen yet. */
export function pollReadyAt(input: {
  readonly pending: number;
  readonly minResults: number;
  /** Its current ready time (the deadline), if any. */
  readonly readyAt: number | undefined;
  readonly now: number;
}): number | undefined {
  if (input.pending < input.minResults) return input.readyAt;
  return input.readyAt === undefined ? input.now : Math.min(input.readyAt, input.now);
}

/** When a call that polls at `now` resumes without enough results. */
export function pollDeadline(now: number, maxWaitMs: number, expiresAt: number | undefined): number {
  const deadline = now + maxWaitMs;
  return expiresAt === undefined ? deadline : Math.min(deadline, expiresAt);
}

/** How many of the pending results one resume carries. */
export function resumeBatchSize(pending: number, maxResults: number): number {
  return Math.max(0, Math.min(pending, maxResults));
}
