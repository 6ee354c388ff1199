// Process-wide switches of the engine, read once from the environment.
// Tests flip them through `configureTestModes` instead of re-reading env vars.
export const settings = {
  /** DISPATCH_SUSPEND_EVERY_AWAIT=1: round-trip the whole tree through bytes at every await. */
  suspendEveryAwait: process.env.DISPATCH_SUSPEND_EVERY_AWAIT === "1",
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
};
