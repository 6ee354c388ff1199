// JS -> Any -> JS gives back the same value, whichever path it takes: a
// well-known type when that is exact, our own message (the fallback codec)
// otherwise. Each case also says which path it must take.

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MAX_STRUCT_DEPTH, fromAny, toAny, typeNameOf } from "../../runtime/values/index.js";
import { scaled } from "../scale.js";
import { identityCodec, v8Codec } from "./fallbacks.js";

const roundTrip = (value: unknown) => fromAny(toAny(value, v8Codec), v8Codec);
const typeName = (value: unknown) => typeNameOf(toAny(value, v8Codec).typeUrl);

const OURS = "dispatch_ts.v1.Value";

describe("well-known types, exact", () => {
  test.each<[string, unknown, string]>([
    ["undefined", undefined, "google.protobuf.Empty"],
    ["null", null, "google.protobuf.Value"],
    ["true", true, "google.protobuf.BoolValue"],
    ["-0", -0, "google.protobuf.DoubleValue"],
    ["NaN", NaN, "google.protobuf.DoubleValue"],
    ["-Infinity", -Infinity, "google.protobuf.DoubleValue"],
    ["max double", Number.MAX_VALUE, "google.protobuf.DoubleValue"],
    ["a string", "héllo\u0000😀", "google.protobuf.StringValue"],
    ["a small bigint", 5n, "google.protobuf.Int64Value"],
    ["a negative bigint", -(2n ** 63n), "google.protobuf.Int64Value"],
    ["a uint64 bigint", 2n ** 64n - 1n, "google.protobuf.UInt64Value"],
    ["bytes", new Uint8Array([0, 1, 254]), "google.protobuf.BytesValue"],
    ["a Date", new Date("2024-02-29T12:34:56.789Z"), "google.protobuf.Timestamp"],
    ["the earliest Timestamp", new Date("0001-01-01T00:00:00Z"), "google.protobuf.Timestamp"],
    ["[1]", [1], "google.protobuf.Value"],
    ["nested JSON", { a: [1, { b: null, c: "x" }], d: true, "": 0 }, "google.protobuf.Value"],
    ["an own __proto__ key", JSON.parse('{"__proto__": {"x": 1}}'), "google.protobuf.Value"],
    ["integer-like keys", { 2: "b", 1: "a", z: 0 }, "google.protobuf.Value"],
  ])("%s", (_, value, type) => {
    expect(typeName(value)).toBe(type);
    expect(roundTrip(value)).toStrictEqual(value);
  });

  test("a bigint stays a bigint, however small", () => {
    expect(roundTrip(1n)).toBe(1n);
    expect(roundTrip(0n)).toBe(0n);
  });

  test("an own __proto__ key stays a key and does not set the prototype", () => {
    const back = roundTrip(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("decoded bytes own their buffer (no view into the request)", () => {
    const back = roundTrip(new Uint8Array([7, 8])) as Uint8Array;
    expect(back.byteOffset).toBe(0);
    expect(back.buffer.byteLength).toBe(2);
  });

  test("key order is kept", () => {
    expect(Object.keys(roundTrip({ z: 1, a: 2, m: 3 }) as object)).toEqual(["z", "a", "m"]);
  });
});

describe("our message when a well-known type would not be exact", () => {
  const shared = { x: 1 };
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const withExtra = Object.assign([1, 2], { extra: true });
  const deep = Array.from({ length: MAX_STRUCT_DEPTH + 1 }).reduce<unknown>((inner) => [inner], 0);
  test.each<[string, unknown]>([
    ["a lone surrogate", "a\uD800b"],
    ["a bigint beyond 64 bits", 2n ** 64n],
    ["a negative bigint beyond int64", -(2n ** 63n) - 1n],
    ["a Buffer", Buffer.from([1, 2])],
    ["an Int8Array", new Int8Array([-1])],
    ["an invalid Date", new Date(NaN)],
    ["a Date past year 9999", new Date("+010000-01-01T00:00:00Z")],
    ["a Date with an own property", Object.assign(new Date(0), { tz: "UTC" })],
    ["-0 in an array", [-0]],
    ["NaN in an object", { n: NaN }],
    ["Infinity in an array", [Infinity]],
    ["undefined in an object", { u: undefined }],
    ["undefined in an array", [undefined]],
    ["a hole", [1, , 3]],
    ["an array with an extra property", withExtra],
    ["a shared reference", [shared, shared]],
    ["a cycle", cyclic],
    ["a bigint inside JSON", { n: 1n }],
    ["a Date inside JSON", { d: new Date(0) }],
    ["a lone surrogate in a key", { "\uDC00": 1 }],
    ["a Map", new Map([["k", [1, 2]]])],
    ["a Set", new Set([1])],
    ["a RegExp", /x/gi],
    ["JSON nested deeper than the limit", deep],
  ])("%s", (_, value) => {
    expect(typeName(value)).toBe(OURS);
    expect(roundTrip(value)).toStrictEqual(value);
  });

  test("JSON nested exactly to the limit is still JSON", () => {
    const limit = Array.from({ length: MAX_STRUCT_DEPTH }).reduce<unknown>((inner) => [inner], 0);
    expect(typeName(limit)).toBe("google.protobuf.Value");
    expect(roundTrip(limit)).toStrictEqual(limit);
  });

  // node:v8 itself would lose these (prototypes, symbols, accessors), so the
  // stand-in codec here keeps the object: what matters is that it reaches the codec.
  test("a getter, a hidden property, a symbol key or a null prototype goes to the codec", () => {
    const codec = identityCodec();
    const withGetter = { get total() { return 1; } };
    const hidden = Object.defineProperty({}, "secret", { value: 1, enumerable: false });
    const symbolKey = { [Symbol.for("k")]: 1 };
    const nullProto = Object.assign(Object.create(null), { a: 1 });
    for (const value of [withGetter, hidden, symbolKey, nullProto]) {
      const any = toAny(value, codec);
      expect(typeNameOf(any.typeUrl)).toBe(OURS);
      expect(fromAny(any, codec)).toBe(value);
    }
  });

  test("class instances and functions go to the codec", () => {
    const codec = identityCodec();
    class Point {
      constructor(readonly x: number) {}
    }
    for (const value of [new Point(1), () => 1, Symbol("s")]) {
      expect(fromAny(toAny(value, codec), codec)).toBe(value);
    }
  });
});

describe("properties", () => {
  const runs = scaled(200, 5000);

  test("any JSON value round-trips exactly", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(roundTrip(value)).toStrictEqual(value);
    }), { numRuns: runs });
  });

  test("anything v8 can serialize round-trips exactly, whatever the path", () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: false, withBoxedValues: false, withObjectString: true }), (value) => {
      expect(roundTrip(value)).toStrictEqual(value);
    }), { numRuns: runs });
  });
});
