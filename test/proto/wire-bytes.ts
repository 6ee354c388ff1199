// Protobuf wire encoding written out by hand, for tests that must not trust the
// generated code: a tag is (field << 3) | wire type, then a varint or a
// length-prefixed payload. Only what the protocol tests need.

export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;

export type Bytes = number[];

export function varint(value: number | bigint): Bytes {
  // Negative int32/int64 values are sign-extended to 64 bits, as on the wire.
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

export function tag(field: number, wireType: number): Bytes {
  return varint((field << 3) | wireType);
}

export function varintField(field: number, value: number | bigint): Bytes {
  return [...tag(field, VARINT), ...varint(value)];
}

export function lenField(field: number, payload: Bytes | Uint8Array): Bytes {
  return [...tag(field, LEN), ...varint(payload.length), ...payload];
}

export function stringField(field: number, text: string): Bytes {
  return lenField(field, new TextEncoder().encode(text));
}

export function doubleField(field: number, value: number): Bytes {
  const eight = new Uint8Array(8);
  new DataView(eight.buffer).setFloat64(0, value, true);
  return [...tag(field, I64), ...eight];
}

/** google.protobuf.Any: type_url = 1, value = 2. */
export function anyBytes(typeUrl: string, value: Bytes): Bytes {
  return [...stringField(1, typeUrl), ...lenField(2, value)];
}

export function bytesOf(...parts: Bytes[]): Uint8Array {
  return Uint8Array.from(parts.flat());
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}
