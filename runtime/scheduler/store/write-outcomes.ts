// writeOutcomes as both stores build it: the three post-run list operations, then a claim, run
// inside one atomic operation (a SQLite transaction, or one synchronous turn of the memory store).
// Outcomes of different calls commute (each call has one outcome per attempt, and a result
// delivered to a running parent waits in its inbox either way), so their order is free; the claim
// comes last so that it sees every call they made runnable.
import type { BatchOutcome, ClaimedCall, ClaimRequest, Completion, Outcome, OutcomeBatch, PollRecord, Reschedule } from "./types.js";

export interface SyncOutcomeOps {
  completeCalls(completions: readonly Completion[], now: number): Outcome;
  recordPolls(polls: readonly PollRecord[], now: number): Outcome;
  rescheduleCalls(changes: readonly Reschedule[], now: number): Outcome;
  claimRunnable(request: ClaimRequest): readonly ClaimedCall[];
}

const NONE: Outcome = { applied: [], finished: [] };

export function writeOutcomesWith(ops: SyncOutcomeOps): (batch: OutcomeBatch, now: number) => BatchOutcome {
  return (batch, now) => ({
    completed: batch.completions.length > 0 ? ops.completeCalls(batch.completions, now) : NONE,
    polled: batch.polls.length > 0 ? ops.recordPolls(batch.polls, now) : NONE,
    rescheduled: batch.reschedules.length > 0 ? ops.rescheduleCalls(batch.reschedules, now) : NONE,
    claimed: batch.claim ? ops.claimRunnable(batch.claim) : [],
  });
}
