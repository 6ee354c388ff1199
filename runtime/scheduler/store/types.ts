// The store interface: everything the scheduler core knows about persistence.
//
// It is a small set of list-based operations (graphile-worker's getJobs/completeJobs, Vercel
// Workflow's World), each one atomic: all of its effects or none. The core never sees SQL, and
// stores never see protobuf: inputs, states and results are opaque bytes that the core encodes.
// Times are milliseconds since the epoch and always come from the core's clock (stores never read
// the time), so fake clocks work.
//
// Durability (what survives a killed process), the contract every durable store keeps:
// - What is acknowledged outside the process is durable before the operation resolves:
//   insertCalls (ids are returned to whoever dispatched), cancelCalls, sendEvent, the reads
//   getCall and listCalls (what other processes are shown, a result handed out), the deletions,
//   commit() and close().
// - The outcomes of runs (writeOutcomes, completeCalls, recordPolls, rescheduleCalls) and claims
//   (claimRunnable, requeueRunning) may be made durable later, in groups, each group atomic and
//   in order (the file store: within its commit window, and at commit()). A process killed before
//   then loses the last group as a whole: the store is as it was before those operations, so the
//   calls they concerned run again (delivery is at-least-once) and no result is recorded twice.
// The memory store keeps nothing; the file store's window and fsync policy are stated in
// store/sqlite/sqlite-store.ts.
//
// Every transition that follows a run is fenced by (status "running", attempt): the outcome of a
// run that was cancelled or re-claimed meanwhile is not applied (`applied: false`), which is what
// keeps a result from ever being recorded twice.

export type CallStatus = "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled";

/** Statuses that never change again. */
export const TERMINAL_STATUSES: ReadonlySet<CallStatus> = new Set(["succeeded", "failed", "cancelled"]);

export function isTerminal(status: CallStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** "run" calls go to an endpoint; the reserved ones are resolved by the scheduler itself. */
export type CallKind = "run" | "sleep" | "event";

/** A call's outcome as the store keeps it: binary google.protobuf.Any and binary dispatch Error. */
export interface ResultData {
  readonly output?: Uint8Array;
  readonly error?: Uint8Array;
}

export interface NewCall {
  readonly id: string;
  readonly rootId: string;
  /** Set for children: the call whose Poll dispatched this one. */
  readonly parentId?: string;
  /** The parent's correlation id for this call (0 for roots). */
  readonly correlationId: bigint;
  /** Roots only: a second call with the same key gets this call's id instead of a new call. */
  readonly idempotencyKey?: string;
  readonly kind: CallKind;
  readonly endpoint: string;
  readonly function: string;
  readonly version: string;
  /** Binary google.protobuf.Any. */
  readonly input: Uint8Array;
  readonly createdAt: number;
  readonly expiresAt?: number;
  /** When the call becomes runnable: now for runs, the wake time of a sleep, the timeout of an
   * event waiter (undefined: it waits for its event forever). */
  readonly readyAt?: number;
  /** Event waiters only. */
  readonly eventKey?: string;
}

export interface CallRecord extends NewCall {
  readonly status: CallStatus;
  /** Runs of the current step so far (the claim that starts a run increments it). */
  readonly attempt: number;
  /** Runs so far, all steps, retries and coroutines counted (the claim that starts a run
   * increments it with `attempt`): what `dispatch-ts calls` shows as attempts. */
  readonly runs: number;
  /** Completed steps: 0 until the first Poll, +1 per Poll. */
  readonly step: number;
  /** Bumped by tail calls and restarts, so results of the previous coroutine's children are dropped. */
  readonly generation: number;
  /** The parent's generation when this call was dispatched. */
  readonly parentGeneration: number;
  /** Restarts from the input after INCOMPATIBLE_STATE. */
  readonly restarts: number;
  /** The suspended coroutine's state (set while waiting and during a resume). */
  readonly state?: Uint8Array;
  /** True when `state` is a binary google.protobuf.Any (Poll.typed_coroutine_state). */
  readonly stateTyped: boolean;
  readonly minResults: number;
  readonly maxResults: number;
  readonly result?: ResultData;
  readonly finishedAt?: number;
  /** Set once the call is cancelled while it has a coroutine to compensate in: "requested" while
   * a run (or its retry) is in flight, the cancellation goes to its next Poll; "compensating"
   * once it was resumed with a CancelledError for each of its outstanding children. It then
   * finishes as cancelled whatever it returns. Undefined: not being cancelled. */
  readonly cancelling?: CancelState;
  /** Set with `cancelling` when the call was cancelled by its own parent, which no longer waits
   * on it (a loser of any/race named by cancel_correlation_ids, or an open child of a coroutine
   * restarted from its input): it compensates on its own and its result goes nowhere. */
  readonly detached?: boolean;
}

export type CancelState = "requested" | "compensating";

/** A result waiting in a parent's inbox. */
export interface InboxEntry {
  readonly childId: string;
  readonly correlationId: bigint;
  readonly result: ResultData;
}

export interface ClaimedCall {
  /** The call as it is now: status "running", attempt already incremented. */
  readonly call: CallRecord;
  /** For a resume: the results this run carries (the same ones again when a resume is retried). */
  readonly results: readonly InboxEntry[];
}

export interface ClaimRequest {
  readonly now: number;
  /** At most this many calls in all. */
  readonly limit: number;
  /** How many more calls of each function may be claimed; functions not listed get `defaultCapacity`. */
  readonly capacity: Readonly<Record<string, number>>;
  readonly defaultCapacity: number;
}

/** A call that an operation made terminal. */
export interface Finished {
  readonly id: string;
  readonly rootId: string;
  readonly parentId?: string;
  readonly function: string;
  readonly status: "succeeded" | "failed" | "cancelled";
  readonly result: ResultData;
  /** True when the result went to the parent's inbox (the parent was still waiting on it). */
  readonly delivered: boolean;
}

/** What a write did: one flag per item of the list, and every call it finished (also indirectly:
 * event waiters matched at insert, cancelled subtrees). */
export interface Outcome {
  readonly applied: readonly boolean[];
  readonly finished: readonly Finished[];
}

export interface InsertOutcome {
  /** One id per input call, in order: the existing call's id for a known idempotency key. */
  readonly ids: readonly string[];
  /** Per input call: false when an existing call was returned instead. */
  readonly inserted: readonly boolean[];
  readonly finished: readonly Finished[];
}

export interface Completion {
  readonly id: string;
  /** Fence: the attempt that produced this result. */
  readonly attempt: number;
  readonly status: "succeeded" | "failed";
  readonly result: ResultData;
  /** Exit.cancel_correlation_ids: children of the exiting coroutine to cancel (the losers of a
   * race it decided), with compensation as in PollRecord.cancel, each recorded with `cancelled`. */
  readonly cancel?: readonly bigint[];
  /** The result recorded for the calls `cancel` names, and for this call instead of `result` when
   * it is being cancelled (see CallRecord.cancelling); the core always sends it. */
  readonly cancelled?: ResultData;
}

export interface PollRecord {
  readonly id: string;
  readonly attempt: number;
  readonly state: Uint8Array;
  readonly stateTyped: boolean;
  readonly minResults: number;
  readonly maxResults: number;
  /** When the call resumes even without min_results results (now + max_wait, capped by expiry). */
  readonly deadline: number;
  readonly children: readonly NewCall[];
  /** Correlation ids of children to cancel, with compensation (as cancelCalls, but detached: the
   * parent no longer waits on them); their undelivered results are dropped. */
  readonly cancel: readonly bigint[];
  /** The result recorded for every call this cancels. */
  readonly cancelled: ResultData;
}

export type Reschedule =
  /** Run the same step again at `readyAt` (the same inbox batch for a resume). */
  | { readonly kind: "retry"; readonly id: string; readonly attempt: number; readonly readyAt: number }
  /** Replace the call (Exit.tail_call) under the same id; the old coroutine's inbox is dropped. */
  | {
      readonly kind: "tail";
      readonly id: string;
      readonly attempt: number;
      readonly readyAt: number;
      readonly endpoint: string;
      readonly function: string;
      readonly version: string;
      readonly input: Uint8Array;
      readonly expiresAt?: number;
    }
  /** Start over from the original input; outstanding children are cancelled (detached, with
   * compensation, as PollRecord.cancel). */
  | {
      readonly kind: "restart";
      readonly id: string;
      readonly attempt: number;
      readonly readyAt: number;
      readonly cancelled: ResultData;
    };

export interface CallFilter {
  readonly status?: CallStatus;
  /** Only calls without a parent (default true). */
  readonly rootsOnly?: boolean;
  readonly parentId?: string;
  /** Only calls of this root's tree (the root included). */
  readonly rootId?: string;
  /** Only calls being cancelled (CallRecord.cancelling set): compensations still under way. */
  readonly cancelling?: boolean;
  readonly limit: number;
}

export interface EventOutcome {
  /** True when no call was waiting: the event is kept for the first waiter. */
  readonly stored: boolean;
  readonly finished: readonly Finished[];
}

/** The outcomes of runs that ended together, and the claim that follows them. */
export interface OutcomeBatch {
  readonly completions: readonly Completion[];
  readonly polls: readonly PollRecord[];
  readonly reschedules: readonly Reschedule[];
  /** Claimed after the outcomes are applied, so it sees the calls they made runnable. */
  readonly claim?: ClaimRequest;
}

export interface BatchOutcome {
  readonly completed: Outcome;
  readonly polled: Outcome;
  readonly rescheduled: Outcome;
  /** Empty without a claim request. */
  readonly claimed: readonly ClaimedCall[];
}

export interface Store {
  /** Inserts calls atomically (all or none). Event waiters whose key has a kept event finish at once. */
  insertCalls(calls: readonly NewCall[], now: number): Promise<InsertOutcome>;
  /** Marks runnable calls (ready_at <= now) as running, oldest first, within the capacities. */
  claimRunnable(request: ClaimRequest): Promise<readonly ClaimedCall[]>;
  /** Finishes running calls and delivers each result to its parent if the parent waits on it. */
  completeCalls(completions: readonly Completion[], now: number): Promise<Outcome>;
  /** Suspends running calls: state kept, children inserted, consumed results dropped, cancels applied. */
  recordPolls(polls: readonly PollRecord[], now: number): Promise<Outcome>;
  /** Puts running calls back in the queue: retry, tail call or restart. */
  rescheduleCalls(changes: readonly Reschedule[], now: number): Promise<Outcome>;
  /** completeCalls, recordPolls and rescheduleCalls of the three lists, then claimRunnable, as
   * one atomic operation: a sequential step costs one transaction per run instead of two. */
  writeOutcomes(batch: OutcomeBatch, now: number): Promise<BatchOutcome>;
  /** Cancels calls and their subtrees (`result` is the CancelledError). A call that never started
   * (or a timer or event wait) is cancelled at once; its parent, if waiting on it, gets `result`.
   * A suspended call compensates instead: it becomes ready with `result` in its inbox for each of
   * its outstanding children, which get the same treatment, and it is recorded as cancelled when
   * it exits. A running call is marked, and its next Poll is treated so. A call already being
   * cancelled is stopped at once, with its subtree. A detached call (CallRecord.detached) never
   * delivers to its parent. */
  cancelCalls(ids: readonly string[], result: ResultData, now: number): Promise<Outcome>;
  /** Delivers an event to the oldest waiter on its key, or keeps it for the first one. */
  sendEvent(key: string, payload: Uint8Array, now: number): Promise<EventOutcome>;
  /** After a crash: calls left running by the previous process become runnable again. */
  requeueRunning(now: number): Promise<number>;
  getCall(id: string): Promise<CallRecord | undefined>;
  /** Newest first. */
  listCalls(filter: CallFilter): Promise<readonly CallRecord[]>;
  /** The earliest ready time strictly after `now` (timers, backoffs, poll deadlines). */
  nextReadyAt(now: number): Promise<number | undefined>;
  /** Deletes up to `limit` terminal calls finished before `before` (their inbox too). */
  deleteFinished(before: number, limit: number): Promise<number>;
  /** Deletes up to `limit` kept events sent before `before` that nobody waited for. */
  deleteEvents(before: number, limit: number): Promise<number>;
  /** Makes every change so far durable now (the scheduler calls it when it goes idle); nothing to
   * do for a store that commits every operation. */
  commit(): Promise<void>;
  /** Commits what is pending, then releases the store. */
  close(): Promise<void>;
}
