// The encoder keeps its string and shape tables from one encoding to the next
// (the engine's states repeat them); what it writes must not depend on that.

import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue } from "../../runtime/codec/index.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("string and shape tables across encodings", () => {
  const value = { fn: "app.ts#main", tags: ["a", "b", "a", "app.ts#main"], nested: { fn: "b", other: "c" } };
  const alone = hex(encodeValue(value));

  it("writes the same bytes whatever was encoded before", () => {
    encodeValue({ c: "c", b: ["b", "app.ts#main", "x".repeat(100)] });
    expect(hex(encodeValue(value))).toBe(alone);
    expect(hex(encodeValue(value))).toBe(alone);
    expect(decodeValue(encodeValue(value))).toEqual(value);
  });

  it("still does after a table past its bounds was dropped", () => {
    const many = Array.from({ length: 5000 }, (_, i) => `s${i}`);
    expect(decodeValue(encodeValue(many))).toEqual(many);
    expect(hex(encodeValue(value))).toBe(alone);
    const long = ["y".repeat(70_000), "y".repeat(70_000)];
    expect(decodeValue(encodeValue(long))).toEqual(long);
    expect(hex(encodeValue(value))).toBe(alone);
  });

  it("numbers shapes from zero in every encoding", () => {
    const shaped = [{ x: 1, y: 2 }, { x: 3, y: 4 }, { fn: "f", other: "g" }];
    const first = hex(encodeValue(shaped));
    encodeValue([{ fn: 1, other: 2 }, { p: 1 }, { x: 0, y: 0 }, { q: 1 }]);
    expect(hex(encodeValue(shaped))).toBe(first);
    expect(hex(encodeValue(value))).toBe(alone);
    const manyShapes = Array.from({ length: 1500 }, (_, i) => ({ [`k${i}`]: i }));
    expect(decodeValue(encodeValue(manyShapes))).toEqual(manyShapes);
    expect(hex(encodeValue(shaped))).toBe(first);
  });

  it("keeps identity on both sides of the switch from a scanned list to a map of objects", () => {
    for (const n of [1, 15, 16, 17, 40]) {
      const objects = Array.from({ length: n }, (_, i) => ({ i }));
      const graph = { objects, again: [...objects].reverse(), first: objects[0], last: objects[n - 1] };
      const back = decodeValue(encodeValue(graph)) as typeof graph;
      expect(back.again).toEqual([...back.objects].reverse());
      back.objects.forEach((o, i) => expect(back.again[n - 1 - i]).toBe(o));
      expect(back.first).toBe(back.objects[0]);
      expect(back.last).toBe(back.objects[n - 1]);
    }
  });

  it("does after an encoding that failed half-way", () => {
    expect(() => encodeValue({ a: "app.ts#main", f: () => 1 })).toThrow(/cannot serialize/);
    expect(hex(encodeValue(value))).toBe(alone);
  });
});
