// google.protobuf.Any -> JavaScript value: the inverse of toAny, plus what
// other languages send.
//
//   Empty                          -> undefined (Python's None, a void result)
//   Value / Struct / ListValue     -> null, JSON-like arrays and objects
//   BoolValue, StringValue         -> boolean, string
//   DoubleValue, FloatValue        -> number
//   Int32Value, UInt32Value        -> number
//   Int64Value, UInt64Value        -> number when a safe integer, bigint otherwise;
//                                     always bigint under the bigint prefix (a JS bigint)
//   BytesValue                     -> Uint8Array (a copy that owns its buffer)
//   Timestamp                      -> Date (nanoseconds below the millisecond dropped)
//   Duration                       -> number of milliseconds (fraction kept)
//   dispatch_ts.v1.Value           -> fallback.decode(data)
//   anything else                  -> ValueConversionError
// Types are matched by full name whatever the type URL's prefix, as every
// protobuf runtime does. A missing Any (an unset output) is undefined.

import { fromBinary } from "@bufbuild/protobuf";
import { WireType } from "@bufbuild/protobuf/wire";
import { type Any, DurationSchema, TimestampSchema } from "@bufbuild/protobuf/wkt";
import { durationToMs } from "../proto/duration.js";
import { timestampToDate } from "../proto/timestamp.js";
import type { ValueDecoder } from "./fallback.js";
import { decodeList, decodeStruct, decodeStructValue } from "./struct-wire.js";
import { BIGINT_TYPE_URL_PREFIX, JS_VALUE_TYPE_NAME, PYTHON_PICKLE_TYPE_NAME, typeNameOf } from "./type-urls.js";
import { ValueConversionError } from "./value-conversion-error.js";
import { decodeBool, decodeBytes, decodeDouble, decodeInt64, decodeString, decodeUInt64, readWrapper } from "./wrapper-wire.js";

type Decode = (bytes: Uint8Array, typeUrl: string) => unknown;

const DECODERS: ReadonlyMap<string, Decode> = new Map<string, Decode>([
  ["google.protobuf.Empty", () => undefined],
  ["google.protobuf.Value", decodeStructValue],
  ["google.protobuf.Struct", decodeStruct],
  ["google.protobuf.ListValue", decodeList],
  ["google.protobuf.BoolValue", decodeBool],
  ["google.protobuf.StringValue", decodeString],
  ["google.protobuf.DoubleValue", decodeDouble],
  ["google.protobuf.FloatValue", (b) => readWrapper(b, WireType.Bit32, (r) => r.float(), 0)],
  ["google.protobuf.Int32Value", (b) => readWrapper(b, WireType.Varint, (r) => r.int32(), 0)],
  ["google.protobuf.UInt32Value", (b) => readWrapper(b, WireType.Varint, (r) => r.uint32(), 0)],
  ["google.protobuf.Int64Value", (b, url) => integer(decodeInt64(b), url)],
  ["google.protobuf.UInt64Value", (b, url) => integer(decodeUInt64(b), url)],
  ["google.protobuf.BytesValue", decodeBytes],
  ["google.protobuf.Timestamp", (b) => timestampToDate(fromBinary(TimestampSchema, b))],
  ["google.protobuf.Duration", (b) => durationToMs(fromBinary(DurationSchema, b))],
]);

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function integer(value: bigint, typeUrl: string): number | bigint {
  if (typeUrl.startsWith(BIGINT_TYPE_URL_PREFIX)) return value;
  return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

// Type urls seen last and their full names: every call's input and result is decoded here, and
// the urls repeat (slicing the name out of the url and hashing the new string showed in profiles).
const NAME_CACHE_SIZE = 32;
const names = new Map<string, string>();

function nameOf(typeUrl: string): string {
  let name = names.get(typeUrl);
  if (name === undefined) {
    if (names.size >= NAME_CACHE_SIZE) names.clear();
    name = typeNameOf(typeUrl);
    names.set(typeUrl, name);
  }
  return name;
}

export function fromAny(any: Any | undefined, fallback: ValueDecoder): unknown {
  if (any === undefined) return undefined;
  const typeUrl = any.typeUrl;
  const name = nameOf(typeUrl);
  if (name === JS_VALUE_TYPE_NAME) {
    // dispatch_ts.v1.Value { data = 1 } has the shape of a BytesValue.
    let data: Uint8Array;
    try {
      data = decodeBytes(any.value);
    } catch (error) {
      throw malformed(name, error);
    }
    // The fallback codec's own errors pass through: they say what is wrong with the data.
    return fallback.decode(data);
  }
  const decode = DECODERS.get(name);
  if (decode !== undefined) {
    try {
      return decode(any.value, typeUrl);
    } catch (error) {
      throw malformed(name, error);
    }
  }
  if (typeUrl === "") {
    throw new ValueConversionError("cannot decode value: the Any has no type URL");
  }
  if (name === PYTHON_PICKLE_TYPE_NAME) {
    throw new ValueConversionError(
      `cannot decode value: ${name} is a Python pickle, which JavaScript cannot read; send well-known types across languages`,
    );
  }
  throw new ValueConversionError(`cannot decode value: unsupported type ${name} (type URL ${JSON.stringify(typeUrl)})`);
}

function malformed(name: string, error: unknown): ValueConversionError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ValueConversionError(`cannot decode value: malformed ${name}: ${reason}`, { cause: error });
}
