// The one error class of the proto layer: a message breaks a rule of the
// upstream definitions (their buf/validate annotations, enforced here in code).
// It names the message kind and the offending field so that whoever produced the
// message (the engine building a Poll, a client building Calls) can fix it.

export class ValidationError extends Error {
  /** Which message was refused: "call", "poll" or "exit". */
  readonly subject: string;
  /** The reason without the "cannot accept <subject>: " prefix. */
  readonly reason: string;

  constructor(subject: string, reason: string) {
    super(`cannot accept ${subject}: ${reason}`);
    this.subject = subject;
    this.reason = reason;
  }
}

Object.defineProperty(ValidationError.prototype, "name", {
  value: "ValidationError",
  writable: true,
  configurable: true,
});

/** Shape check, so that a copy from another realm or bundle is recognised too. */
export function isValidationError(value: unknown): value is ValidationError {
  return (
    value instanceof Error &&
    value.name === "ValidationError" &&
    typeof (value as ValidationError).subject === "string" &&
    typeof (value as ValidationError).reason === "string"
  );
}
