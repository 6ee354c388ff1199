// An error of the engine itself while saving or restoring state (a value that
// cannot be serialized, a state from another build). It is not the user's
// exception: lowered catch blocks never receive it, it ends the whole tree.
export class StateError extends Error {
  override name = "StateError";
  constructor(
    message: string,
    readonly code: "unserializable" | "incompatible" | "corrupt",
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isStateError(e: unknown): e is StateError {
  return e instanceof StateError;
}
