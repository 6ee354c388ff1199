// The wrapper types (BoolValue, StringValue, DoubleValue, Int64Value, ...) on
// the wire: a single field 1, left out when it holds its zero value (proto3),
// except -0, which is written so that it comes back as -0 (protobuf-es does the
// same). These are the most common values and this runs on every call, so the
// bytes are written by hand (protobuf-es's writer and reader cost more than the
// value itself here), and the canonical encodings are read by hand too; any
// other encoding (unknown fields, a repeated field 1) takes the general reader.
// Tests compare these bytes with protobuf-es's encoding.

import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { expectWireType } from "./struct-wire.js";

const EMPTY = new Uint8Array(0);
const TAG_VARINT = 0x08; // field 1, varint
const TAG_BIT64 = 0x09; // field 1, 64-bit
const TAG_LEN = 0x0a; // field 1, length-delimited

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder(); // not fatal: U+FFFD for bad UTF-8, as protobuf-es reads
const scratch = new DataView(new ArrayBuffer(8));

export function encodeBool(value: boolean): Uint8Array {
  return value ? Uint8Array.of(TAG_VARINT, 1) : EMPTY;
}

export function encodeDouble(value: number): Uint8Array {
  if (Object.is(value, 0)) return EMPTY;
  const out = new Uint8Array(9);
  out[0] = TAG_BIT64;
  scratch.setFloat64(0, value, true);
  for (let i = 0; i < 8; i++) out[i + 1] = scratch.getUint8(i);
  return out;
}

export function encodeString(value: string): Uint8Array {
  return value === "" ? EMPTY : lengthDelimited(utf8Encoder.encode(value));
}

export function encodeBytes(value: Uint8Array): Uint8Array {
  return value.length === 0 ? EMPTY : lengthDelimited(value);
}

/** Int64Value or UInt64Value: a varint of the two's complement (negative numbers take ten bytes). */
export function encodeInt64(value: bigint): Uint8Array {
  if (value === 0n) return EMPTY;
  const bytes = [TAG_VARINT];
  let rest = BigInt.asUintN(64, value);
  while (rest > 0x7fn) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return Uint8Array.from(bytes);
}

function lengthDelimited(payload: Uint8Array): Uint8Array {
  let size = 1;
  for (let n = payload.length; n > 0x7f; n >>>= 7) size++;
  const out = new Uint8Array(1 + size + payload.length);
  out[0] = TAG_LEN;
  let pos = 1;
  let n = payload.length;
  while (n > 0x7f) {
    out[pos++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[pos++] = n;
  out.set(payload, pos);
  return out;
}

export function decodeBool(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if (bytes.length === 2 && bytes[0] === TAG_VARINT && bytes[1]! <= 1) return bytes[1] === 1;
  return readWrapper(bytes, WireType.Varint, (r) => r.bool(), false);
}

export function decodeDouble(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  if (bytes.length === 9 && bytes[0] === TAG_BIT64) {
    for (let i = 0; i < 8; i++) scratch.setUint8(i, bytes[i + 1]!);
    return scratch.getFloat64(0, true);
  }
  return readWrapper(bytes, WireType.Bit64, (r) => r.double(), 0);
}

export function decodeString(bytes: Uint8Array): string {
  if (bytes.length === 0) return "";
  const start = canonicalPayloadStart(bytes);
  if (start !== undefined) return utf8Decoder.decode(bytes.subarray(start));
  return readWrapper(bytes, WireType.LengthDelimited, (r) => r.string(), "");
}

/** A copy: a view would keep the whole request buffer alive and share its memory. */
export function decodeBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array(0);
  const start = canonicalPayloadStart(bytes);
  if (start !== undefined) return bytes.slice(start);
  return readWrapper(bytes, WireType.LengthDelimited, (r) => r.bytes().slice(), new Uint8Array(0));
}

/** Int64Value as a bigint. */
export function decodeInt64(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return readWrapper(bytes, WireType.Varint, (r) => BigInt(r.int64()), 0n);
}

/** UInt64Value as a bigint. */
export function decodeUInt64(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return readWrapper(bytes, WireType.Varint, (r) => BigInt(r.uint64()), 0n);
}

// Where the payload starts when `bytes` is exactly one length-delimited field 1
// (tag, length, payload to the end), or undefined for any other shape.
function canonicalPayloadStart(bytes: Uint8Array): number | undefined {
  if (bytes[0] !== TAG_LEN) return undefined;
  let length = 0;
  for (let pos = 1, shift = 0; pos < bytes.length && pos <= 5; pos++, shift += 7) {
    const byte = bytes[pos]!;
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return pos + 1 + length === bytes.length ? pos + 1 : undefined;
  }
  return undefined;
}

/**
 * Reads field 1 of a wrapper: the last occurrence wins, other fields are
 * skipped, a missing field is `zero`. Throws on malformed bytes.
 */
export function readWrapper<T>(bytes: Uint8Array, wireType: WireType, read: (r: BinaryReader) => T, zero: T): T {
  const r = new BinaryReader(bytes);
  let value = zero;
  while (r.pos < r.len) {
    const [field, got] = r.tag();
    if (field === 1) {
      expectWireType(field, got, wireType);
      value = read(r);
    } else {
      r.skip(got, field);
    }
  }
  return value;
}
