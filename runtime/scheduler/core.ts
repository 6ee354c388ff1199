// What the parts of the scheduler share: the options, the store, the event emitter, the
// concurrency limits, the writer of run outcomes (which also makes the pump's claims), and what
// every store write is followed by: reporting the calls it finished.
import type { Clock } from "./clock.js";
import type { ConcurrencyLimits } from "./concurrency.js";
import type { OutcomeWriter } from "./outcome-writer.js";
import type { SchedulerEvents } from "./events.js";
import type { SchedulerOptions } from "./options.js";
import type { Finished, NewCall, Store } from "./store/types.js";
import type { TypedEmitter } from "./typed-emitter.js";

export interface Core {
  readonly options: SchedulerOptions;
  readonly store: Store;
  readonly clock: Clock;
  readonly emitter: TypedEmitter<SchedulerEvents>;
  readonly limits: ConcurrencyLimits;
  /** completeCalls, recordPolls and rescheduleCalls of runs go through here (batched, with a claim). */
  readonly writer: OutcomeWriter;
  /** After a write that inserted calls: "call:dispatched" for each new one. */
  dispatched(calls: readonly NewCall[], inserted?: readonly boolean[]): void;
  /** After a write that finished calls: events, and `result()` callers resolved. */
  finished(list: readonly Finished[]): void;
  /** A write set a ready time (a backoff, a deadline, a sleep): the pump's timer must not be later. */
  readyAt(at: number): void;
}
