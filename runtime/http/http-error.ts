// The one error type of the HTTP layer. The endpoint turns it into a Connect
// error response; the client and the invoker throw it, so that callers can tell
// an answer from the server (kind "connect", with the Connect code and HTTP
// status) from a failure to get one (kind "transport", with the Node error code
// kept, or "timeout") and from an answer that cannot be read (kind "response").

import type { Status } from "../gen/dispatch/sdk/v1/status_pb.js";
import { statusOfHttpError } from "./invoke-status.js";

/** Connect error codes (https://connectrpc.com/docs/protocol#error-codes). */
export type ConnectCode =
  | "canceled"
  | "unknown"
  | "invalid_argument"
  | "deadline_exceeded"
  | "not_found"
  | "already_exists"
  | "permission_denied"
  | "resource_exhausted"
  | "failed_precondition"
  | "aborted"
  | "out_of_range"
  | "unimplemented"
  | "internal"
  | "unavailable"
  | "data_loss"
  | "unauthenticated";

const statusOfCode: Record<ConnectCode, number> = {
  canceled: 499,
  unknown: 500,
  invalid_argument: 400,
  deadline_exceeded: 504,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  resource_exhausted: 429,
  failed_precondition: 400,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
  unauthenticated: 401,
};

/** The HTTP status that the Connect protocol assigns to a code. */
export function httpStatusOf(code: ConnectCode): number {
  return statusOfCode[code];
}

export function isConnectCode(value: unknown): value is ConnectCode {
  return typeof value === "string" && Object.hasOwn(statusOfCode, value);
}

/**
 * The Connect code of an HTTP status when the body carries none (a proxy's
 * answer, for instance), as the Connect protocol specifies it.
 */
export function connectCodeOf(status: number): ConnectCode {
  switch (status) {
    case 400:
      return "internal";
    case 401:
      return "unauthenticated";
    case 403:
      return "permission_denied";
    case 404:
      return "unimplemented";
    case 429:
    case 502:
    case 503:
    case 504:
      return "unavailable";
    default:
      return "unknown";
  }
}

export type HttpErrorKind = "connect" | "transport" | "timeout" | "response";

export interface HttpErrorDetails {
  /** HTTP status of the answer, when one arrived. */
  status?: number;
  cause?: unknown;
}

export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly kind: HttpErrorKind;
  /**
   * A Connect code for "connect" and "response" errors (the code of a "timeout"
   * is "deadline_exceeded"); for "transport" errors, the Node error code of the
   * failure (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ...).
   */
  readonly code: string;
  readonly status: number | undefined;

  constructor(kind: HttpErrorKind, code: string, message: string, details: HttpErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.code = code;
    this.status = details.status;
  }

  /**
   * The protocol status of this failure, under the name the scheduler reads
   * from whatever an Invoker throws (see statusOfHttpError).
   */
  get dispatchStatus(): Status {
    return statusOfHttpError(this);
  }

  /** An error that the endpoint answers with, as Connect JSON. */
  static connect(code: ConnectCode, message: string, status = httpStatusOf(code)): HttpError {
    return new HttpError("connect", code, message, { status });
  }
}

export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}
