// The hand-written wire code (wrapper-wire.ts, struct-wire.ts) against
// protobuf-es's reflective encoder and decoder as the oracle: same bytes out,
// same values in, for random values and for encodings other than the canonical.

import { create, fromBinary, fromJson, toBinary, toJson, type JsonValue } from "@bufbuild/protobuf";
import {
  AnySchema,
  BoolValueSchema,
  BytesValueSchema,
  DoubleValueSchema,
  Int64ValueSchema,
  StringValueSchema,
  UInt64ValueSchema,
  ValueSchema,
} from "@bufbuild/protobuf/wkt";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeStructValue, encodeStructValue, fromAny, toAny } from "../../runtime/values/index.js";
import { bytesOf, doubleField, lenField, stringField, varintField } from "../proto/wire-bytes.js";
import { scaled } from "../scale.js";
import { refusingCodec } from "./fallbacks.js";

const runs = scaled(300, 10_000);
const G = "type.googleapis.com/google.protobuf.";
const wellFormed = fc.string({ unit: "grapheme" });

function oracleBytes(value: unknown): Uint8Array {
  switch (typeof value) {
    case "boolean":
      return toBinary(BoolValueSchema, create(BoolValueSchema, { value }));
    case "number":
      return toBinary(DoubleValueSchema, create(DoubleValueSchema, { value }));
    case "string":
      return toBinary(StringValueSchema, create(StringValueSchema, { value }));
    case "bigint":
      return value < 2n ** 63n
        ? toBinary(Int64ValueSchema, create(Int64ValueSchema, { value }))
        : toBinary(UInt64ValueSchema, create(UInt64ValueSchema, { value }));
    default:
      return toBinary(BytesValueSchema, create(BytesValueSchema, { value: value as Uint8Array }));
  }
}

describe("wrappers", () => {
  const scalar = fc.oneof(
    fc.boolean(),
    fc.double(),
    wellFormed,
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
    fc.uint8Array({ maxLength: 300 }),
  );

  test("the same bytes as protobuf-es, and back", () => {
    fc.assert(fc.property(scalar, (value) => {
      const any = toAny(value, refusingCodec);
      expect(any.value).toEqual(oracleBytes(value));
      expect(fromAny(any, refusingCodec)).toStrictEqual(value);
    }), { numRuns: runs });
  });

  test("non-canonical encodings: unknown fields, field 1 repeated (the last wins)", () => {
    const read = (type: string, ...parts: number[][]) => fromAny(create(AnySchema, { typeUrl: G + type, value: bytesOf(...parts) }), refusingCodec);
    expect(read("StringValue", stringField(1, "a"), stringField(1, "b"))).toBe("b");
    expect(read("StringValue", varintField(7, 1), stringField(1, "x"))).toBe("x");
    expect(read("BytesValue", lenField(1, [1]), varintField(2, 5))).toEqual(new Uint8Array([1]));
    expect(read("DoubleValue", doubleField(1, 1), doubleField(1, 2))).toBe(2);
    expect(read("BoolValue", varintField(1, 2))).toBe(true);
    expect(read("Int64Value", varintField(3, 9))).toBe(0);
  });

  test("a field 1 with the wrong wire type is refused", () => {
    expect(() => fromAny(create(AnySchema, { typeUrl: `${G}StringValue`, value: bytesOf(varintField(1, 1)) }), refusingCodec)).toThrow(
      "cannot decode value: malformed google.protobuf.StringValue: field 1 has wire type 0, expected 2",
    );
  });
});

describe("google.protobuf.Value", () => {
  const json = fc.jsonValue({ maxDepth: 6 }).filter((v) => !containsNegativeZero(v));

  test("the same bytes as protobuf-es's fromJson + toBinary, and back", () => {
    fc.assert(fc.property(json, (value) => {
      const ours = encodeStructValue(value);
      expect(ours).toEqual(toBinary(ValueSchema, fromJson(ValueSchema, value as JsonValue)));
      expect(decodeStructValue(ours!)).toStrictEqual(value);
    }), { numRuns: runs });
  });

  test("long strings and bodies whose length needs a varint of two or three bytes", () => {
    const text = "a\u00e9\u4e2d\ud83d\ude00".repeat(40); // 1-, 2-, 3- and 4-byte UTF-8, over 64 units
    const values = [
      text,
      Array.from({ length: 20 }, (_, i) => i * 0.5),
      Array.from({ length: 3000 }, (_, i) => ({ [`k${i}`]: ["a\u00e9\u4e2d".repeat(30).slice(0, i % 70), i, i % 2 === 0, null] })),
      { nested: { deeper: Array.from({ length: 200 }, () => "x".repeat(100)) } },
    ];
    for (const value of values) {
      const ours = encodeStructValue(value);
      expect(ours).toEqual(toBinary(ValueSchema, fromJson(ValueSchema, value as JsonValue)));
      expect(decodeStructValue(ours!)).toStrictEqual(value);
    }
  });

  test("the reader for small plain values reads anything, malformed too, as the general reader does", () => {
    // An unknown field in front keeps the fast reader out and changes nothing for the general one.
    const viaGeneral = (bytes: Uint8Array) => outcome(() => decodeStructValue(Uint8Array.from([0x48, 0x01, ...bytes])));
    const scalar = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)), fc.boolean(), fc.constant(null), fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 5 }));
    const simple = fc.oneof(scalar, fc.array(scalar, { maxLength: 6 }));
    const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean());
    fc.assert(fc.property(simple, edit, (value, [at, byte, truncate]) => {
      const bytes = encodeStructValue(value)!;
      expect(outcome(() => decodeStructValue(bytes))).toEqual({ value });
      const changed = truncate ? bytes.slice(0, at % (bytes.length + 1)) : bytes.slice();
      if (!truncate && changed.length > 0) changed[at % changed.length] = byte;
      expect(outcome(() => decodeStructValue(changed))).toEqual(viaGeneral(changed));
    }), { numRuns: runs * 10 });
  });

  test("decodes what protobuf-es encodes", () => {
    fc.assert(fc.property(json, (value) => {
      const bytes = toBinary(ValueSchema, fromJson(ValueSchema, value as JsonValue));
      expect(decodeStructValue(bytes)).toStrictEqual(toJson(ValueSchema, fromBinary(ValueSchema, bytes)));
    }), { numRuns: runs });
  });

  test("unknown fields are skipped; in a oneof the last member wins", () => {
    expect(decodeStructValue(bytesOf(varintField(9, 1), stringField(3, "a")))).toBe("a");
    expect(decodeStructValue(bytesOf(stringField(3, "a"), varintField(4, 1)))).toBe(true);
  });

  test("malformed bytes are refused, never misread", () => {
    const bad: [number[], string][] = [
      [[], "google.protobuf.Value has no kind set"],
      [lenField(6, [0x0a, 0x05, 0x08]), "premature EOF"], // a list item longer than the list
      [[...lenField(5, lenField(1, stringField(1, "k")))], "google.protobuf.Value has no kind set"], // an entry without a value
      [[0x32, 0x09, 0x0a], "premature EOF"],
      [doubleField(3, 1), "field 3 has wire type 1, expected 2"],
    ];
    for (const [bytes, message] of bad) {
      expect(() => decodeStructValue(Uint8Array.from(bytes))).toThrow(message);
    }
  });

  test("a repeated key: the last one wins, as in protobuf maps", () => {
    const entry = (key: string, n: number) => lenField(1, [...stringField(1, key), ...lenField(2, doubleField(2, n))]);
    expect(decodeStructValue(bytesOf(lenField(5, [...entry("a", 1), ...entry("a", 2)])))).toEqual({ a: 2 });
  });
});

function outcome(read: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function containsNegativeZero(value: unknown): boolean {
  if (Object.is(value, -0)) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(containsNegativeZero);
}
