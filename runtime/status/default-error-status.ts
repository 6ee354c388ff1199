// The status of an error that no registered type claims. The rules, in order:
//   1. AbortError: a deliberate cancellation, not retried (PERMANENT_ERROR),
//      unless its cause is a timeout (AbortSignal.timeout() behind an API that
//      wraps the reason): then TIMEOUT.
//   2. TimeoutError by name (AbortSignal.timeout(), DOMException 23): TIMEOUT.
//   3. fetch's TypeError("fetch failed"): the status of its cause, the real
//      network failure (TEMPORARY_ERROR if it has none).
//   4. A bug in the code or bad input: TypeError, RangeError, SyntaxError and
//      URIError are INVALID_ARGUMENT; ReferenceError and EvalError are
//      PERMANENT_ERROR (no input causes them). Neither is retried.
//   5. An HTTP status (integer 400..599) in `status` or `statusCode`, on the
//      error or on its `response` (http-errors, axios, got, ky, Octokit, the
//      OpenAI SDK...): mapped as a fetch Response would be.
//   6. A Node.js or undici `code` (see node-error-codes.ts).
//   7. Any other system error (numeric errno and a syscall): TEMPORARY_ERROR,
//      as the Python SDK treats OSError.
//   8. Everything else: PERMANENT_ERROR. A failure is reported to the caller,
//      which can catch it, rather than retried behind its back: retrying
//      repeats side effects nobody declared safe to repeat, and hides bugs.
//      Declare what is transient with ThrottledError/TemporaryError or
//      registerErrorType.
// A user's own wrapper (`new Error("...", { cause })`) is not looked through:
// the wrapper is the user's statement of what happened.

import { Status } from "../proto/messages.js";
import { statusOfHttp } from "./http-status.js";
import { statusOfCode } from "./node-error-codes.js";

/** How the registry maps a cause, so that registered types apply to causes too. */
export type StatusOfCause = (cause: unknown) => Status;

type Bag = Record<string, unknown>;

export function defaultErrorStatus(error: unknown, statusOfCause: StatusOfCause): Status {
  if (typeof error !== "object" || error === null) {
    return Status.PERMANENT_ERROR; // a thrown string or number: nothing says it is transient
  }
  const bag = error as Bag;
  const name = bag.name;
  if (name === "AbortError") {
    const cause = bag.cause;
    return cause !== undefined && statusOfCause(cause) === Status.TIMEOUT ? Status.TIMEOUT : Status.PERMANENT_ERROR;
  }
  if (name === "TimeoutError") {
    return Status.TIMEOUT;
  }
  if (error instanceof TypeError && error.message === "fetch failed") {
    return error.cause !== undefined ? statusOfCause(error.cause) : Status.TEMPORARY_ERROR;
  }
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError || error instanceof URIError) {
    return Status.INVALID_ARGUMENT;
  }
  if (error instanceof ReferenceError || error instanceof EvalError) {
    return Status.PERMANENT_ERROR;
  }
  const http = httpStatusOf(bag);
  if (http !== undefined) {
    return statusOfHttp(http);
  }
  if (typeof bag.code === "string") {
    const status = statusOfCode(bag.code);
    if (status !== undefined) return status;
  }
  if (typeof bag.errno === "number" && typeof bag.syscall === "string") {
    return Status.TEMPORARY_ERROR;
  }
  return Status.PERMANENT_ERROR;
}

function httpStatusOf(error: Bag): number | undefined {
  const response = error.response;
  for (const holder of [error, response]) {
    if (typeof holder !== "object" || holder === null) continue;
    for (const key of ["status", "statusCode"]) {
      const value = (holder as Bag)[key];
      if (typeof value === "number" && Number.isInteger(value) && value >= 400 && value <= 599) {
        return value;
      }
    }
  }
  return undefined;
}
