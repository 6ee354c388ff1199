// The last failed attempt of each call that is being retried. The store keeps
// outcomes, not failed attempts, so the server remembers them from the
// scheduler's "call:retry" events, in memory and bounded: enough for
// `dispatch-ts show` to say why a call is stuck, gone after a restart.
import type { Scheduler } from "../scheduler/scheduler.js";
import type { RetryView } from "./call-view.js";

export class RetryLog {
  readonly #byId = new Map<string, RetryView>();
  readonly #unsubscribe: Array<() => void> = [];

  constructor(
    scheduler: Scheduler,
    readonly limit = 10_000,
  ) {
    this.#unsubscribe.push(
      scheduler.on("call:retry", (e) => {
        // Re-inserted so that the Map's order is the order of the last failure: the oldest goes first.
        this.#byId.delete(e.id);
        this.#byId.set(e.id, { attempt: e.attempt, status: e.status, message: e.message, delayMs: e.delayMs, at: new Date().toISOString() });
        if (this.#byId.size > this.limit) this.#byId.delete(this.#byId.keys().next().value!);
      }),
    );
  }

  get(id: string): RetryView | undefined {
    return this.#byId.get(id);
  }

  close(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }
}
