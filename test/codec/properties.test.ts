// Properties over random value graphs: exact round trips, deterministic bytes,
// and "what encodes under some limits decodes under the same limits".

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue, isCodecError } from "../../runtime/codec/index.js";
import { scaled } from "../scale.js";
import { expectSameGraph } from "./same-graph.js";
import { valueGraph } from "./value-graphs.js";

const runs = scaled(300, 20_000);

describe("random value graphs", () => {
  it("round-trip exactly, sharing and cycles included", () => {
    fc.assert(
      fc.property(valueGraph, (v) => {
        expectSameGraph(decodeValue(encodeValue(v)), v);
      }),
      { numRuns: runs },
    );
  });

  it("re-encode to the same bytes", () => {
    fc.assert(
      fc.property(valueGraph, (v) => {
        const bytes = encodeValue(v);
        const again = encodeValue(decodeValue(bytes));
        if (!Buffer.from(again).equals(Buffer.from(bytes))) expect([...again]).toEqual([...bytes]);
      }),
      { numRuns: runs },
    );
  });

  it("decode under the limits they were encoded under", () => {
    const limits = fc.record({ maxDepth: fc.integer({ min: 1, max: 8 }), maxValues: fc.integer({ min: 1, max: 60 }) });
    fc.assert(
      fc.property(valueGraph, limits, (v, l) => {
        let bytes: Uint8Array;
        try {
          bytes = encodeValue(v, { limits: l });
        } catch (e) {
          if (isCodecError(e) && e.code === "limit") return;
          throw e;
        }
        expectSameGraph(decodeValue(bytes, { limits: l }), v);
      }),
      { numRuns: runs },
    );
  });
});
