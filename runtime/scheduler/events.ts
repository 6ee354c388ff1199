// The events a scheduler emits, after the store operation they describe. Tests await them
// instead of sleeping; a CLI can show progress from them. An operation the store acknowledges is
// durable by then; the outcome of a run (call:done, call:poll, ...) may still be in a file store's
// commit window (store/types.ts, "Durability"): `Scheduler.result` waits for the commit.
import type { CallResult } from "../gen/dispatch/sdk/v1/call_pb.js";

export interface SchedulerEvents {
  /** A call was accepted and stored (Dispatch or a Poll's child). */
  "call:dispatched": { id: string; function: string; rootId: string; parentId?: string };
  /** A RunRequest is about to be sent. */
  "call:start": { id: string; function: string; attempt: number; resume: boolean };
  /** A suspended call is about to be resumed with `results` results. */
  "call:resume": { id: string; function: string; results: number };
  /** A run failed with a retryable status; the next attempt starts after `delayMs`. */
  "call:retry": { id: string; function: string; attempt: number; status: string; delayMs: number; message: string };
  /** A run suspended: its calls were dispatched and the call now waits. */
  "call:poll": { id: string; function: string; calls: number; cancelled: number; minResults: number; maxResults: number; maxWaitMs: number };
  /** Exit.tail_call replaced the call under the same id. */
  "call:tail": { id: string; from: string; to: string };
  /** INCOMPATIBLE_STATE on a resume: the call starts over from its input. */
  "call:restart": { id: string; function: string };
  /** A call finished (also timers, event waits, calls that failed for good). `result` is decoded
   * from the store's bytes when first read (a getter), so listeners that never read it cost nothing. */
  "call:done": { id: string; function: string; status: "succeeded" | "failed"; result: CallResult; parentId?: string; delivered: boolean };
  "call:cancelled": { id: string; function: string; parentId?: string; delivered: boolean };
  /** A run's response came after its call was cancelled or claimed again; it was dropped. */
  "call:stale": { id: string; function: string; attempt: number };
  "event:sent": { key: string; stored: boolean; waiterId?: string };
  "concurrency:change": { function: string; limit: number };
  "housekeeping:done": { calls: number; events: number };
  /** Nothing is running and nothing is runnable now (timers may be pending). */
  "scheduler:idle": Record<string, never>;
  /** A store operation failed in the background; the scheduler tries again on the next wake. */
  "scheduler:error": { error: unknown; during: string };
}

export type SchedulerEventName = keyof SchedulerEvents;
