// The codec's one error type. Every failure of encodeValue, decodeValue,
// sealState and openState is a CodecError whose code tells the engine what to
// answer: "corrupt" and "limit" are bad input (INVALID_ARGUMENT), "incompatible"
// is state from another build or format (INCOMPATIBLE_STATE), "unauthenticated"
// is a forged or foreign state, "unsupported" is a value that cannot be encoded.

export type CodecErrorCode = "corrupt" | "unsupported" | "unauthenticated" | "incompatible" | "limit";

export class CodecError extends Error {
  readonly code: CodecErrorCode;
  /** Encoding: where the value sits ("frame main (app.ts:12) > local cb.x"). */
  readonly path?: string;
  /** Decoding: the byte offset at which the input was found wrong. */
  readonly offset?: number;

  constructor(
    code: CodecErrorCode,
    message: string,
    options?: { path?: string; offset?: number; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CodecError";
    this.code = code;
    if (options?.path !== undefined) this.path = options.path;
    if (options?.offset !== undefined) this.offset = options.offset;
  }
}

/** A shape check rather than instanceof, so that two copies of the package agree. */
export function isCodecError(e: unknown): e is CodecError {
  return (
    e instanceof Error &&
    e.name === "CodecError" &&
    typeof (e as { code?: unknown }).code === "string"
  );
}

/** JavaScript's own stack overflow, which deep recursion turns into a "limit" error. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
