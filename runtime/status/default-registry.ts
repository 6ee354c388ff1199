// The process-wide registry that dispatch.function's engine consults, and the
// functions over it that users call. Tests and embedders that need isolation
// create their own StatusRegistry.

import type { Status } from "../proto/messages.js";
import { type AnyClass, type StatusMapping, StatusRegistry } from "./status-registry.js";

export const defaultStatusRegistry = new StatusRegistry();

/** Errors of `cls` (and subclasses) end calls with `mapping`'s status. */
export function registerErrorType<T>(cls: AnyClass<T>, mapping: StatusMapping<T>): void {
  defaultStatusRegistry.registerErrorType(cls, mapping);
}

/** Outputs that are instances of `cls` (and subclasses) end calls with `mapping`'s status. */
export function registerOutputType<T>(cls: AnyClass<T>, mapping: StatusMapping<T>): void {
  defaultStatusRegistry.registerOutputType(cls, mapping);
}

/** The status a call ends with when it throws `error` (never OK or UNSPECIFIED). */
export function statusOf(error: unknown): Status {
  return defaultStatusRegistry.statusOf(error);
}

/** The status a call ends with when it returns `value`. */
export function statusOfOutput(value: unknown): Status {
  return defaultStatusRegistry.statusOfOutput(value);
}
