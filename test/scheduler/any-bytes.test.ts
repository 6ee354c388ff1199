import { create, fromJson, toBinary } from "@bufbuild/protobuf";
import { AnySchema, anyPack, BytesValueSchema, EmptySchema, ValueSchema } from "@bufbuild/protobuf/wkt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAny, encodeAny } from "../../runtime/scheduler/any-bytes.js";

describe("Any to bytes by hand", () => {
  it("writes exactly what toBinary writes and reads it back", () => {
    const samples = [
      create(AnySchema),
      anyPack(EmptySchema, create(EmptySchema)),
      anyPack(ValueSchema, fromJson(ValueSchema, { a: [1, "x", null] })),
      anyPack(BytesValueSchema, create(BytesValueSchema, { value: new Uint8Array(300).fill(7) })),
      create(AnySchema, { typeUrl: "é/ü", value: new Uint8Array(20_000) }),
    ];
    for (const any of samples) {
      expect(encodeAny(any)).toEqual(toBinary(AnySchema, any));
      expect(decodeAny(toBinary(AnySchema, any))).toEqual(any);
    }
  });

  it("agrees with the generic codec on arbitrary type urls and values", () => {
    fc.assert(
      fc.property(fc.string(), fc.uint8Array({ maxLength: 400 }), (typeUrl, value) => {
        const any = create(AnySchema, { typeUrl, value });
        const bytes = encodeAny(any);
        expect(bytes).toEqual(toBinary(AnySchema, any));
        expect(decodeAny(bytes)).toEqual(any);
      }),
    );
  });

  it("falls back to the generic codec for other encodings, and rejects garbage like it", () => {
    const reversed = new Uint8Array([0x12, 1, 9, 0x0a, 1, 0x61]);
    expect(decodeAny(reversed)).toMatchObject({ typeUrl: "a", value: new Uint8Array([9]) });
    expect(() => decodeAny(new Uint8Array([0x0a, 50, 1]))).toThrow();
  });
});
