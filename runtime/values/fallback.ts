// The codec for values the well-known types cannot carry. The state codec
// (runtime/codec) is the real one; the engine passes it in, so this layer never
// imports it and tests can use any stand-in.

/** Encodes any JavaScript value to bytes (throws on a value it cannot encode). */
export interface ValueEncoder {
  encode(value: unknown): Uint8Array;
}

/** Decodes bytes produced by the matching ValueEncoder (throws on bytes it cannot read). */
export interface ValueDecoder {
  decode(data: Uint8Array): unknown;
}

export type ValueCodec = ValueEncoder & ValueDecoder;
