// How ordinary code (outside durable bodies) runs durable calls: through the
// configured runner, by default the embedded scheduler in this process.
import type { CallTarget } from "../engine/durable-call.js";

export interface Runner {
  /** Runs a call to completion and returns its result (throws its error). */
  run<R>(call: LazyCall<R>): Promise<R>;
  /** Starts a call without waiting for it; returns its dispatch id. */
  dispatch(call: LazyCall<unknown>): Promise<string>;
  /** Starts several calls atomically; returns their ids in order. */
  dispatchAll(calls: LazyCall<unknown>[]): Promise<string[]>;
  /** Delivers an event payload to the call waiting on `key` (or keeps it for the first waiter). */
  sendEvent?(key: string, payload: unknown): Promise<{ delivered: boolean }>;
}

let configured: Runner | undefined;
let makeDefault: (() => Runner) | undefined;

export function setRunner(r: Runner | undefined): void {
  configured = r;
}

/** Installed by the embedded scheduler module, so that the API does not import it eagerly. */
export function setDefaultRunnerFactory(factory: () => Runner): void {
  makeDefault = factory;
}

export function runner(): Runner {
  if (configured !== undefined) return configured;
  if (makeDefault !== undefined) return (configured = makeDefault());
  throw new Error("cannot run a durable call: no scheduler is configured (import dispatch-ts and call dispatch.run, or configure one)");
}

/** A call made outside any durable body: nothing happens until it is awaited or run. */
export class LazyCall<R> implements PromiseLike<R> {
  private started: Promise<R> | undefined;

  constructor(
    readonly target: CallTarget,
    readonly args: unknown[],
  ) {}

  get function(): string {
    return this.target.function;
  }

  then<T1 = R, T2 = never>(onFulfilled?: ((value: R) => T1 | PromiseLike<T1>) | null, onRejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null): Promise<T1 | T2> {
    if (this.started === undefined) this.started = runner().run(this);
    return this.started.then(onFulfilled, onRejected);
  }
}
