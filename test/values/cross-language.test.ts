// What other languages send, written as they write it (standard type URLs,
// their own choices of well-known types), and what dispatch-ts makes of it.

import { create, toBinary } from "@bufbuild/protobuf";
import { type Any, AnySchema, DurationSchema, ListValueSchema, StructSchema, TimestampSchema, ValueSchema } from "@bufbuild/protobuf/wkt";
import { describe, expect, test } from "vitest";
import { ValueConversionError, fromAny, isValueConversionError, toAny } from "../../runtime/values/index.js";
import { bytesOf, doubleField, lenField, stringField, varintField } from "../proto/wire-bytes.js";
import { refusingCodec, v8Codec } from "./fallbacks.js";

const G = "type.googleapis.com/google.protobuf.";
const any = (typeUrl: string, value: Uint8Array | number[]) => create(AnySchema, { typeUrl, value: Uint8Array.from(value) });
const decode = (a: Any) => fromAny(a, refusingCodec);

function decodeError(a: Any): ValueConversionError {
  try {
    fromAny(a, refusingCodec);
  } catch (error) {
    expect(isValueConversionError(error)).toBe(true);
    return error as ValueConversionError;
  }
  throw new Error("expected a ValueConversionError");
}

describe("integers", () => {
  test("an Int64Value that is a safe integer is a number", () => {
    expect(decode(any(`${G}Int64Value`, varintField(1, 1)))).toBe(1);
    expect(decode(any(`${G}Int64Value`, varintField(1, -(2 ** 53) + 1)))).toBe(-(2 ** 53) + 1);
    expect(decode(any(`${G}Int64Value`, []))).toBe(0);
  });

  test("a big Int64Value or UInt64Value is a bigint", () => {
    expect(decode(any(`${G}Int64Value`, varintField(1, 2n ** 53n)))).toBe(2n ** 53n);
    expect(decode(any(`${G}Int64Value`, varintField(1, -(2n ** 63n))))).toBe(-(2n ** 63n));
    expect(decode(any(`${G}UInt64Value`, varintField(1, 2n ** 64n - 1n)))).toBe(2n ** 64n - 1n);
  });

  test("Int32Value, UInt32Value are numbers", () => {
    expect(decode(any(`${G}Int32Value`, varintField(1, -5)))).toBe(-5);
    expect(decode(any(`${G}UInt32Value`, varintField(1, 4294967295)))).toBe(4294967295);
  });

  test("our bigint reads as a plain Int64Value for anyone who ignores the prefix", () => {
    const ours = toAny(5n, refusingCodec);
    expect(ours.typeUrl).toBe("dispatch-ts/bigint/google.protobuf.Int64Value");
    expect(decode(any(`${G}Int64Value`, ours.value))).toBe(5); // what an untagged reader gets
    expect(decode(ours)).toBe(5n); // what dispatch-ts gets
  });
});

describe("floats and lists", () => {
  test("a FloatValue is its float32 value as a number", () => {
    expect(decode(any(`${G}FloatValue`, [0x0d, 0x00, 0x00, 0xc0, 0x3f]))).toBe(1.5);
  });

  test("Python's [1] arrives as [1.0], which is the number 1", () => {
    const list = bytesOf(lenField(6, lenField(1, doubleField(2, 1))));
    const value = decode(any(`${G}Value`, list)) as number[];
    expect(value).toEqual([1]);
    expect(Number.isInteger(value[0])).toBe(true);
  });

  test("and [1] leaves as a Value list of the double 1.0, what Python expects", () => {
    expect(toAny([1], refusingCodec).value).toEqual(bytesOf(lenField(6, lenField(1, doubleField(2, 1)))));
  });

  test("a top-level Struct or ListValue is accepted too", () => {
    const struct = create(StructSchema, { fields: { a: create(ValueSchema, { kind: { case: "stringValue", value: "x" } }) } });
    expect(decode(any(`${G}Struct`, toBinary(StructSchema, struct)))).toEqual({ a: "x" });
    const list = create(ListValueSchema, { values: [create(ValueSchema, { kind: { case: "boolValue", value: true } })] });
    expect(decode(any(`${G}ListValue`, toBinary(ListValueSchema, list)))).toEqual([true]);
  });

  test("None inside a list is null; a top-level None (Empty) is undefined", () => {
    expect(decode(any(`${G}Value`, lenField(6, lenField(1, varintField(1, 0)))))).toEqual([null]);
    expect(decode(any(`${G}Empty`, []))).toBeUndefined();
  });
});

describe("times", () => {
  test("a Timestamp is a Date, to the millisecond", () => {
    const ts = create(TimestampSchema, { seconds: 1_700_000_000n, nanos: 123_456_789 });
    const date = decode(any(`${G}Timestamp`, toBinary(TimestampSchema, ts))) as Date;
    expect(date).toBeInstanceOf(Date);
    expect(date.toISOString()).toBe("2023-11-14T22:13:20.123Z");
  });

  test("a Duration (a Python timedelta) is a number of milliseconds", () => {
    const d = create(DurationSchema, { seconds: 90n, nanos: 500_000 });
    expect(decode(any(`${G}Duration`, toBinary(DurationSchema, d)))).toBe(90_000.5);
  });
});

describe("type URLs", () => {
  test("types are matched by full name whatever the prefix", () => {
    expect(decode(any("buf.build/stealthrocket/dispatch-proto/google.protobuf.StringValue", stringField(1, "x")))).toBe("x");
    expect(decode(any("google.protobuf.BoolValue", varintField(1, 1)))).toBe(true);
  });

  test("a missing Any is undefined", () => {
    expect(fromAny(undefined, refusingCodec)).toBeUndefined();
  });

  test.each<[string, Any, string]>([
    ["no type URL", any("", []), "cannot decode value: the Any has no type URL"],
    [
      "a Python pickle",
      any("buf.build/stealthrocket/dispatch-proto/dispatch.sdk.python.v1.Pickled", [0x0a, 0x01, 0x80]),
      "cannot decode value: dispatch.sdk.python.v1.Pickled is a Python pickle, which JavaScript cannot read; send well-known types across languages",
    ],
    ["an unknown type", any("type.googleapis.com/acme.Thing", []), 'cannot decode value: unsupported type acme.Thing (type URL "type.googleapis.com/acme.Thing")'],
    [
      "malformed bytes",
      any(`${G}StringValue`, [0x0a, 0x05, 0x61]),
      "cannot decode value: malformed google.protobuf.StringValue: premature EOF",
    ],
    ["a Value with no kind", any(`${G}Value`, []), "cannot decode value: malformed google.protobuf.Value: google.protobuf.Value has no kind set"],
  ])("refuses %s", (_, a, message) => {
    const error = decodeError(a);
    expect(error.message).toBe(message);
    expect(error.name).toBe("ValueConversionError");
  });

  test("a decoding failure is INVALID_ARGUMENT: retrying cannot make it readable", () => {
    expect(decodeError(any("x/acme.Thing", [])).status).toBe(4);
  });

  test("hostile nesting is refused cleanly", () => {
    let nested: Uint8Array = new Uint8Array();
    for (let i = 0; i < 200; i++) nested = bytesOf(lenField(6, lenField(1, nested)));
    expect(decodeError(any(`${G}Value`, nested)).message).toMatch(/^cannot decode value: malformed google\.protobuf\.Value: /);
  });

  test("the fallback codec's own errors pass through unchanged", () => {
    const ours = toAny(new Map(), v8Codec);
    expect(() => fromAny(ours, refusingCodec)).toThrow(new Error("cannot decode value: refused"));
  });

  test("a fallback codec that returns something else than bytes is refused", () => {
    const broken = { encode: () => "not bytes" as unknown as Uint8Array, decode: () => undefined };
    expect(() => toAny(new Map(), broken)).toThrow(
      new ValueConversionError("cannot encode value: the fallback codec returned string instead of a Uint8Array"),
    );
  });
});
