// The memory store's due-calls index against the obvious model: the live calls sorted by
// (readyAt, seq), whatever sequence of ready-time changes came before.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReadyQueue } from "../../runtime/scheduler/store/memory/ready-queue.js";

describe("ReadyQueue", () => {
  it("pops due calls oldest first, skipping replaced and cleared entries", () => {
    const change = fc.record({
      call: fc.integer({ min: 0, max: 30 }),
      readyAt: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      fn: fc.constantFrom("a", "b", "c"),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 200 }), fc.integer({ min: 0, max: 50 }), (changes, now) => {
        const queue = new ReadyQueue();
        const model = new Map<string, { readyAt: number; seq: number; fn: string }>();
        for (const { call, readyAt, fn } of changes) {
          const id = `c${call}`;
          queue.set(id, call, fn, readyAt);
          if (readyAt === undefined) model.delete(id);
          else model.set(id, { readyAt, seq: call, fn });
        }
        const due = [...model.entries()]
          .filter(([, e]) => e.readyAt <= now && e.fn !== "c")
          .sort(([, x], [, y]) => x.readyAt - y.readyAt || x.seq - y.seq)
          .map(([id]) => id);
        const popped: string[] = [];
        for (let e = queue.popDue(now, (fn) => fn !== "c"); e !== undefined; e = queue.popDue(now, (fn) => fn !== "c")) {
          popped.push(e.id);
          // A claimed call loses its ready time, as the store does.
          queue.set(e.id, e.seq, e.fn, undefined);
        }
        expect(popped).toEqual(due);
      }),
    );
  });
});
