// Golden bytes: the exact Any each well-known value type produces. Other
// languages read these bytes, so any change here is a wire change.

import { toBinary } from "@bufbuild/protobuf";
import { AnySchema } from "@bufbuild/protobuf/wkt";
import { describe, expect, test } from "vitest";
import { toAny } from "../../runtime/values/index.js";
import { hex } from "../proto/wire-bytes.js";
import { refusingCodec, v8Codec } from "./fallbacks.js";

const G = "type.googleapis.com/google.protobuf.";
const BIGINT = "dispatch-ts/bigint/google.protobuf.";

describe("golden bytes per well-known type", () => {
  test.each<[string, unknown, string, string]>([
    ["undefined", undefined, `${G}Empty`, ""],
    ["null", null, `${G}Value`, "0800"],
    ["true", true, `${G}BoolValue`, "0801"],
    ["false", false, `${G}BoolValue`, ""],
    ["0", 0, `${G}DoubleValue`, ""],
    ["1", 1, `${G}DoubleValue`, "09000000000000f03f"],
    ["1.5", 1.5, `${G}DoubleValue`, "09000000000000f83f"],
    ["-0", -0, `${G}DoubleValue`, "090000000000000080"],
    ["NaN", NaN, `${G}DoubleValue`, "09000000000000f87f"],
    ["Infinity", Infinity, `${G}DoubleValue`, "09000000000000f07f"],
    ['""', "", `${G}StringValue`, ""],
    ['"hi"', "hi", `${G}StringValue`, "0a026869"],
    ['"é😀"', "é😀", `${G}StringValue`, "0a06c3a9f09f9880"],
    ["5n", 5n, `${BIGINT}Int64Value`, "0805"],
    ["-1n", -1n, `${BIGINT}Int64Value`, "08ffffffffffffffffff01"],
    ["2^63-1", 2n ** 63n - 1n, `${BIGINT}Int64Value`, "08ffffffffffffffff7f"],
    ["-2^63", -(2n ** 63n), `${BIGINT}Int64Value`, "0880808080808080808001"],
    ["2^64-1", 2n ** 64n - 1n, `${BIGINT}UInt64Value`, "08ffffffffffffffffff01"],
    ["Uint8Array [1,2,255]", new Uint8Array([1, 2, 255]), `${G}BytesValue`, "0a030102ff"],
    ["empty Uint8Array", new Uint8Array(), `${G}BytesValue`, ""],
    ["Date(0)", new Date(0), `${G}Timestamp`, ""],
    ["Date(1500)", new Date(1500), `${G}Timestamp`, "08011080cab5ee01"],
    ["Date(-1500)", new Date(-1500), `${G}Timestamp`, "08feffffffffffffffff011080cab5ee01"],
    ["[1, \"a\"]", [1, "a"], `${G}Value`, "32100a0911000000000000f03f0a031a0161"],
    ["{ a: true }", { a: true }, `${G}Value`, "2a090a070a016112022001"],
    ["[]", [], `${G}Value`, "3200"],
    ["{}", {}, `${G}Value`, "2a00"],
  ])("%s", (_, value, typeUrl, valueHex) => {
    const any = toAny(value, refusingCodec);
    expect(any.typeUrl).toBe(typeUrl);
    expect(hex(any.value)).toBe(valueHex);
  });

  test("the whole Any: type_url = 1, value = 2", () => {
    const url = Buffer.from(`${G}StringValue`).toString("hex");
    expect(hex(toBinary(AnySchema, toAny("hi", refusingCodec)))).toBe(`0a2f${url}12040a026869`);
  });

  test("our message: dispatch_ts.v1.Value { data = 1 } carrying the fallback's bytes", () => {
    const any = toAny(new Map([[1, 2]]), v8Codec);
    expect(any.typeUrl).toBe("type.googleapis.com/dispatch_ts.v1.Value");
    const data = v8Codec.encode(new Map([[1, 2]]));
    expect(hex(any.value)).toBe(`0a${data.length.toString(16).padStart(2, "0")}${hex(data)}`);
  });
});
