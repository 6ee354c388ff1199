// One error class per non-OK Status, so that user code says what a failure
// means in the scheduler's terms: `throw new ThrottledError()` is retried later,
// `throw new PermanentError()` is not. The status and the name live on each
// class's prototype (like the built-in errors' names): instances carry no extra
// own properties to serialize, the name survives minifiers that rename classes,
// and a subclass inherits its parent's status unless it is registered otherwise.

import { Status } from "../proto/messages.js";

/** Base of the errors that carry a Dispatch status. */
export abstract class StatusError extends Error {
  declare readonly status: Status;
}

export class TimeoutError extends StatusError {}
export class ThrottledError extends StatusError {}
export class InvalidArgumentError extends StatusError {}
export class InvalidResponseError extends StatusError {}
export class TemporaryError extends StatusError {}
export class PermanentError extends StatusError {}
export class IncompatibleStateError extends StatusError {}
export class DNSError extends StatusError {}
export class TCPError extends StatusError {}
export class TLSError extends StatusError {}
export class HTTPError extends StatusError {}
export class UnauthenticatedError extends StatusError {}
export class PermissionDeniedError extends StatusError {}
export class NotFoundError extends StatusError {}

/** Each status error class with its name and status, in Status order. */
export const STATUS_ERROR_CLASSES = [
  [TimeoutError, "TimeoutError", Status.TIMEOUT],
  [ThrottledError, "ThrottledError", Status.THROTTLED],
  [InvalidArgumentError, "InvalidArgumentError", Status.INVALID_ARGUMENT],
  [InvalidResponseError, "InvalidResponseError", Status.INVALID_RESPONSE],
  [TemporaryError, "TemporaryError", Status.TEMPORARY_ERROR],
  [PermanentError, "PermanentError", Status.PERMANENT_ERROR],
  [IncompatibleStateError, "IncompatibleStateError", Status.INCOMPATIBLE_STATE],
  [DNSError, "DNSError", Status.DNS_ERROR],
  [TCPError, "TCPError", Status.TCP_ERROR],
  [TLSError, "TLSError", Status.TLS_ERROR],
  [HTTPError, "HTTPError", Status.HTTP_ERROR],
  [UnauthenticatedError, "UnauthenticatedError", Status.UNAUTHENTICATED],
  [PermissionDeniedError, "PermissionDeniedError", Status.PERMISSION_DENIED],
  [NotFoundError, "NotFoundError", Status.NOT_FOUND],
] as const;

for (const [cls, name, status] of STATUS_ERROR_CLASSES) {
  // `name` is writable, as on Error.prototype; `status` is not, so that
  // `err.status = 503` (an HTTP status by mistake) fails loudly.
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
  Object.defineProperty(cls.prototype, "status", { value: status, configurable: true });
}
Object.defineProperty(StatusError.prototype, "name", { value: "StatusError", writable: true, configurable: true });

/**
 * What a durable await throws when the call it waits on was cancelled (a loser
 * of any/race, `scheduler.cancel(id)`, or a cancelled parent): the awaiting
 * frame's catch and finally blocks run, so compensations can. Not retried.
 */
export class CancelledError extends PermanentError {}
Object.defineProperty(CancelledError.prototype, "name", { value: "CancelledError", writable: true, configurable: true });

/** The status error class for a status, or undefined for OK and UNSPECIFIED. */
export function statusErrorClass(status: Status): (typeof STATUS_ERROR_CLASSES)[number][0] | undefined {
  return STATUS_ERROR_CLASSES.find(([, , s]) => s === status)?.[0];
}
