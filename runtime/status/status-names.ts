// What each Status means to the scheduler (PROTOCOL.md): which ones it retries,
// and a readable name for messages.

import { Status } from "../proto/messages.js";

const RETRYABLE: ReadonlySet<Status> = new Set([
  Status.TIMEOUT,
  Status.THROTTLED,
  Status.TEMPORARY_ERROR,
  Status.INCOMPATIBLE_STATE,
  Status.DNS_ERROR,
  Status.TCP_ERROR,
  Status.TLS_ERROR,
  Status.HTTP_ERROR,
]);

/**
 * True for the statuses the scheduler retries. INCOMPATIBLE_STATE is among
 * them (the call may be restarted), but never in a loop: that is the
 * scheduler's decision, not the status's.
 */
export function isRetryable(status: Status): boolean {
  return RETRYABLE.has(status);
}

/** True for a number that is one of the Status values. */
export function isStatus(value: unknown): value is Status {
  return typeof value === "number" && Number.isInteger(value) && value >= Status.UNSPECIFIED && value <= Status.NOT_FOUND;
}

/** "TIMEOUT" for Status.TIMEOUT; the number itself for an unknown value. */
export function statusName(status: Status): string {
  return isStatus(status) ? Status[status] : String(status);
}
