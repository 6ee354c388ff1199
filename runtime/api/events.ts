// Durable events: `await dispatch.waitForEvent(key, { timeout })` suspends the
// calling durable function (to bytes, like any durable call) until
// `dispatch.sendEvent(key, payload)` delivers a payload, from any code and,
// through the scheduler, any process; the scheduler resolves the reserved
// call `dispatch_ts.wait_for_event`. A timeout rejects with a TimeoutError.
// Semantics (one waiter per event, an early event kept for the first waiter):
// docs/SCHEDULER.md.
import { eventWaitInput, WAIT_FOR_EVENT_FUNCTION } from "../scheduler/reserved.js";
import { currentRun } from "./current-run.js";
import { parseDuration } from "./duration.js";
import { runner } from "./runner.js";

export interface WaitForEventOptions {
  /** How long to wait ("10m", "1h", or milliseconds); default: until the call expires. */
  timeout?: number | string;
}

export function waitForEvent<T = unknown>(key: string, options: WaitForEventOptions = {}): Promise<T> {
  if (typeof key !== "string" || key === "") throw new TypeError("cannot wait for an event: the key must be a non-empty string");
  const run = currentRun();
  if (run === undefined) {
    throw new Error(`cannot wait for event ${JSON.stringify(key)}: dispatch.waitForEvent must be awaited inside a durable function`);
  }
  const timeoutMs = options.timeout === undefined ? undefined : parseDuration(options.timeout);
  const input = eventWaitInput(timeoutMs === undefined ? { key } : { key, timeoutMs });
  return run.newCall({ function: WAIT_FOR_EVENT_FUNCTION, input }, []) as unknown as Promise<T>;
}

/** Delivers `payload` to the call waiting on `key`, or keeps it for the first one that will. */
export async function sendEvent(key: string, payload?: unknown): Promise<{ delivered: boolean }> {
  if (typeof key !== "string" || key === "") throw new TypeError("cannot send an event: the key must be a non-empty string");
  const r = runner();
  if (r.sendEvent === undefined) throw new Error("cannot send an event: the configured runner does not support events");
  return r.sendEvent(key, payload);
}
