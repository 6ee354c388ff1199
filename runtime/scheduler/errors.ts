// The scheduler's one error class. Messages read "cannot <verb> <thing>: <reason>" and show the
// bad value; tests assert them exactly.

export class SchedulerError extends Error {
  override readonly name = "SchedulerError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isSchedulerError(error: unknown): error is SchedulerError {
  return error instanceof Error && error.name === "SchedulerError";
}
