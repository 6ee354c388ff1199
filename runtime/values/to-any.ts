// JavaScript value -> google.protobuf.Any, following PROTOCOL.md "Values": a
// well-known type whenever it brings the value back identical (so other
// languages can read it), our dispatch_ts.v1.Value otherwise (fallback codec).
//
//   undefined              -> google.protobuf.Empty
//   null                   -> google.protobuf.Value (null_value)
//   boolean                -> BoolValue
//   number                 -> DoubleValue (NaN, ±Infinity and -0 included)
//   string                 -> StringValue, if well-formed UTF-16 (no lone surrogates)
//   bigint                 -> Int64Value, or UInt64Value above int64, under the bigint prefix
//   Uint8Array             -> BytesValue (exactly Uint8Array: a Buffer is not one)
//   Date                   -> Timestamp, if valid and within years 1..9999
//   JSON-like array/object -> google.protobuf.Value (see struct-wire.ts)
//   anything else          -> dispatch_ts.v1.Value { data = 1: fallback.encode(value) }

import { toBinary } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { type Any, TimestampSchema } from "@bufbuild/protobuf/wkt";
import { isTimestampMs, timestampFromMs } from "../proto/timestamp.js";
import type { ValueEncoder } from "./fallback.js";
import { encodeStructValue, isWellFormed } from "./struct-wire.js";
import { BIGINT_TYPE_URL_PREFIX, JS_VALUE_TYPE_NAME, googleTypeUrl } from "./type-urls.js";
import { ValueConversionError } from "./value-conversion-error.js";
import { encodeBool, encodeBytes, encodeDouble, encodeInt64, encodeString } from "./wrapper-wire.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const TYPE_URL = {
  empty: googleTypeUrl("google.protobuf.Empty"),
  value: googleTypeUrl("google.protobuf.Value"),
  bool: googleTypeUrl("google.protobuf.BoolValue"),
  double: googleTypeUrl("google.protobuf.DoubleValue"),
  string: googleTypeUrl("google.protobuf.StringValue"),
  bytes: googleTypeUrl("google.protobuf.BytesValue"),
  timestamp: googleTypeUrl("google.protobuf.Timestamp"),
  bigint: `${BIGINT_TYPE_URL_PREFIX}google.protobuf.Int64Value`,
  biguint: `${BIGINT_TYPE_URL_PREFIX}google.protobuf.UInt64Value`,
  ours: googleTypeUrl(JS_VALUE_TYPE_NAME),
} as const;

// Value { null_value = 1: NULL_VALUE }
const NULL_VALUE_BYTES = Uint8Array.of(0x08, 0x00);

export function toAny(value: unknown, fallback: ValueEncoder): Any {
  switch (typeof value) {
    case "undefined":
      return any(TYPE_URL.empty, new Uint8Array(0));
    case "boolean":
      return any(TYPE_URL.bool, encodeBool(value));
    case "number":
      return any(TYPE_URL.double, encodeDouble(value));
    case "string":
      if (isWellFormed(value)) return any(TYPE_URL.string, encodeString(value));
      break;
    case "bigint":
      if (value >= INT64_MIN && value <= INT64_MAX) return any(TYPE_URL.bigint, encodeInt64(value));
      if (value > INT64_MAX && value <= UINT64_MAX) return any(TYPE_URL.biguint, encodeInt64(value));
      break;
    case "object": {
      if (value === null) return any(TYPE_URL.value, NULL_VALUE_BYTES.slice());
      const proto = Object.getPrototypeOf(value);
      if (proto === Uint8Array.prototype) return any(TYPE_URL.bytes, encodeBytes(value as Uint8Array));
      if (proto === Date.prototype) {
        const ms = (value as Date).getTime();
        // An extra own property on a Date would be lost, so it goes to the fallback.
        if (isTimestampMs(ms) && Reflect.ownKeys(value).length === 0) {
          return any(TYPE_URL.timestamp, toBinary(TimestampSchema, timestampFromMs(ms)));
        }
        break;
      }
      if (proto === Object.prototype || proto === Array.prototype) {
        const bytes = encodeStructValue(value);
        if (bytes !== undefined) return any(TYPE_URL.value, bytes);
      }
      break;
    }
  }
  return any(TYPE_URL.ours, encodeFallback(value, fallback));
}

// What create(AnySchema, ...) returns, without its reflective set-up: protobuf-es
// messages are plain objects.
function any(typeUrl: string, value: Uint8Array): Any {
  return { $typeName: "google.protobuf.Any", typeUrl, value };
}

// dispatch_ts.v1.Value { data = 1 }
function encodeFallback(value: unknown, fallback: ValueEncoder): Uint8Array {
  const data = fallback.encode(value);
  if (!(data instanceof Uint8Array)) {
    throw new ValueConversionError(`cannot encode value: the fallback codec returned ${describe(data)} instead of a Uint8Array`);
  }
  return new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(data).finish();
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return `an instance of ${value.constructor?.name ?? "Object"}`;
  return typeof value;
}
