// Within one encoding, sharing and cycles are kept: every object is written
// once, and each later occurrence becomes a reference to the same decoded object.

import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue } from "../../runtime/codec/index.js";
import { expectSameGraph } from "./same-graph.js";

const roundTrip = <T>(v: T): T => decodeValue(encodeValue(v)) as T;

describe("identity", () => {
  it("keeps a shared object shared", () => {
    const shared = { n: 1 };
    const out = roundTrip({ a: shared, b: [shared], c: new Map([[shared, shared]]) });
    expect(out.a).toBe(out.b[0]);
    expect(out.c.get(out.a)).toBe(out.a);
  });

  it("keeps cycles through objects, arrays, maps, sets and errors", () => {
    const o: Record<string, unknown> = { name: "root" };
    const list: unknown[] = [o];
    const map = new Map<unknown, unknown>([["self", null]]);
    const set = new Set<unknown>();
    const err = new Error("loop") as Error & { owner?: unknown };
    o.self = o;
    o.list = list;
    list.push(list, map, set, err);
    map.set("self", map).set(map, o);
    set.add(set).add(o);
    err.owner = o;
    err.cause = err;
    const out = roundTrip(o);
    expectSameGraph(out, o);
    expect(out.self).toBe(out);
  });

  it("keeps views of one buffer on the same decoded buffer", () => {
    const buffer = new ArrayBuffer(16);
    const a = new Uint8Array(buffer, 0, 8);
    const b = new Float64Array(buffer, 8, 1);
    const c = new DataView(buffer, 4);
    const out = roundTrip([a, b, c, buffer] as const);
    expect(out[0].buffer).toBe(out[3]);
    expect(out[1].buffer).toBe(out[3]);
    expect(out[2].buffer).toBe(out[3]);
    out[0][7] = 42;
    expect(new Uint8Array(out[3])[7]).toBe(42);
  });

  it("keeps the same object used as a Map key and value in separate places", () => {
    const key = { k: true };
    const out = roundTrip([new Map([[key, 1]]), new Set([key]), key] as const);
    expect([...out[0].keys()][0]).toBe(out[2]);
    expect([...out[1]][0]).toBe(out[2]);
  });

  it("does not share equal but distinct objects", () => {
    const out = roundTrip([{ a: 1 }, { a: 1 }]);
    expect(out[0]).not.toBe(out[1]);
  });

  it("keeps identity across a deep chain", () => {
    const head: { next?: unknown; head?: unknown } = {};
    let node = head;
    for (let i = 0; i < 500; i++) {
      const next: { next?: unknown; head?: unknown } = { head };
      node.next = next;
      node = next;
    }
    const out = roundTrip(head);
    expectSameGraph(out, head);
  });
});
