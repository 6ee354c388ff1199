// State and values often arrive as Node Buffers (a file read, an HTTP body, a
// SQLite blob): small ones are views into Node's shared pool, at an offset.
// Decoding from such a view must give the same values as from a Uint8Array of
// its own (found by the cross-process fixtures: a Uint8Array held across an
// await came back with other bytes of the pool).
import { describe, expect, it } from "vitest";
import { Buffer } from "node:buffer";
import { decodeValue, encodeValue } from "../../runtime/codec/index.js";

function pooled(bytes: Uint8Array): Buffer {
  Buffer.from("something else in the pool first");
  const b = Buffer.from(bytes);
  expect(b.byteOffset, "the test needs a view into the pool").toBeGreaterThan(0);
  return b;
}

describe("codec: decoding from a pooled Node Buffer", () => {
  it("typed arrays, DataViews and ArrayBuffers hold their own bytes, not the pool's", () => {
    const value = { u8: new Uint8Array([7, 8]), f64: new Float64Array([1.5, -2]), ab: new Uint8Array([1, 2, 3]).buffer, dv: new DataView(new Uint8Array([9, 10, 11]).buffer, 1, 2) };
    const back = decodeValue(pooled(encodeValue(value))) as typeof value;
    expect([...back.u8]).toEqual([7, 8]);
    expect([...back.f64]).toEqual([1.5, -2]);
    expect(back.ab.byteLength).toBe(3);
    expect([...new Uint8Array(back.ab)]).toEqual([1, 2, 3]);
    expect([back.dv.byteOffset, back.dv.byteLength, back.dv.getUint8(0), back.dv.getUint8(1)]).toEqual([1, 2, 10, 11]);
    expect(back.u8.buffer.byteLength).toBe(2);
  });

  it("two views of one buffer still share it", () => {
    const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
    const back = decodeValue(pooled(encodeValue([new Uint8Array(buffer, 0, 2), new Uint8Array(buffer, 2, 2)]))) as Uint8Array[];
    expect(back[0]!.buffer).toBe(back[1]!.buffer);
    back[0]![0] = 42;
    expect([...new Uint8Array(back[1]!.buffer)]).toEqual([42, 2, 3, 4]);
  });
});
