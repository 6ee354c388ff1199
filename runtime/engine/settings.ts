// Process-wide switches of the engine, read once from the environment.
// Tests flip them through `configureTestModes` instead of re-reading env vars.
let suspendEveryAwait = process.env.DISPATCH_SUSPEND_EVERY_AWAIT === "1";
const suspendEveryAwaitListeners: ((on: boolean) => void)[] = [];

export const settings = {
  /**
   * DISPATCH_SUSPEND_EVERY_AWAIT=1: round-trip the whole tree through bytes at every await.
   * An accessor: setting it (tests and test harnesses do) also swaps the per-await hooks
   * (`onSuspendEveryAwait`), which never read it.
   */
  get suspendEveryAwait(): boolean {
    return suspendEveryAwait;
  },
  set suspendEveryAwait(on: boolean) {
    suspendEveryAwait = on;
    for (const listener of suspendEveryAwaitListeners) listener(on);
  },
  /** DISPATCH_NATIVE=1: durable functions run as plain async functions (the oracle). */
  native: process.env.DISPATCH_NATIVE === "1",
  /** DISPATCH_TRACE=1: print each frame and local as it is serialized. */
  trace: process.env.DISPATCH_TRACE === "1",
};

/** Statistics the differential harness checks (round trips == awaits executed). */
export const stats = {
  roundTrips: 0,
  awaits: 0,
};

export function configureTestModes(modes: { suspendEveryAwait?: boolean; trace?: boolean }): void {
  if (modes.suspendEveryAwait !== undefined) settings.suspendEveryAwait = modes.suspendEveryAwait;
  if (modes.trace !== undefined) settings.trace = modes.trace;
}

/**
 * Calls `listener` now and whenever the test mode is switched. The frame hooks use it to pick their
 * production or test-mode variant once, instead of testing the setting at every await (three reads
 * per await cost ~5% of a loop of awaits: docs/BENCHMARKS.md).
 */
export function onSuspendEveryAwait(listener: (on: boolean) => void): void {
  suspendEveryAwaitListeners.push(listener);
  listener(suspendEveryAwait);
}

/**
 * The round trip of DISPATCH_SUSPEND_EVERY_AWAIT, installed by
 * suspend-every-await.ts so that the frame hooks do not depend on the codec.
 */
export const testModeHooks = {
  roundTrip<F>(_frame: F): F {
    throw new Error("cannot suspend at every await: the state codec is not loaded");
  },
  /** The value an await settled with, as the frames see it after the round trips so far. */
  settled(_awaited: unknown, value: unknown): unknown {
    return value;
  },
  /** A lowered combinator over ordinary values gave back the native promise: its items go with the frames. */
  combined(_promise: Promise<unknown>, _kind: "all" | "allSettled" | "any" | "race", _items: unknown[]): void {},
};
