// The one error type of the signature layer. Its reason decides the HTTP answer
// of the endpoint: a request that carries no signature is "missing" (401), one
// whose signature cannot be accepted is "invalid" (403); "key" marks a key that
// cannot be loaded, a configuration mistake rather than a bad request.

export type SignatureErrorReason = "missing" | "invalid" | "key";

export class SignatureError extends Error {
  override readonly name = "SignatureError";
  readonly reason: SignatureErrorReason;

  constructor(reason: SignatureErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

export function isSignatureError(value: unknown): value is SignatureError {
  return value instanceof SignatureError;
}
