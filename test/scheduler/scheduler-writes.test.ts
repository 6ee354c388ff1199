// Store writes per call, counted by wrapping the store (each write is one transaction). Also logs
// the wall time of a 2,000-call fan-out and of 200 sequential steps (after a warm-up round), for
// information only: timing assertions would make the suite flaky on a busy machine.
import type { JsonValue } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import type { Invoker } from "../../runtime/scheduler/options.js";
import { createScheduler } from "../../runtime/scheduler/scheduler.js";
import { countingStore } from "../../runtime/scheduler/store/counting-store.js";
import { STORES } from "./harness.js";
import { call, ok, poll, resultsOf, show, stateOf } from "./protocol.js";
import { scaled } from "../scale.js";

const FAN_OUT = scaled(2000, 2000);
const STEPS = scaled(200, 1000);

/** "fanout" dispatches FAN_OUT calls in one Poll and takes their results 1,000 at a time (the
 * protocol's max_results); "sequence" runs STEPS calls one after another. */
const invoker: Invoker = async (_endpoint, r) => {
  if (r.function === "noop") return ok(1);
  const state = stateOf<{ n: number }>(r);
  if (r.function === "fanout") {
    if (!state) return poll({ n: 0 }, Array.from({ length: FAN_OUT }, (_, i) => call("noop", null, BigInt(i + 1))), { min: 1000, max: 1000 });
    const n = state.n + resultsOf(r).length;
    return n === FAN_OUT ? ok(n) : poll({ n }, [], { min: Math.min(1000, FAN_OUT - n), max: 1000 });
  }
  const n = state ? state.n + 1 : 0;
  return n === STEPS ? ok(n) : poll({ n }, [call("noop", null, BigInt(n + 1))], { min: 1, max: 1 });
};

describe("scheduler: store writes per call", () => {
  for (const factory of STORES) {
    it(`on the ${factory.name} store`, async () => {
      const { store: inner, dispose } = await factory.open();
      const store = countingStore(inner);
      const scheduler = await createScheduler({ store, invoker, concurrency: { initial: 1024, ceiling: 1024 }, claimBatch: 256 });
      try {
        const measure = async (fn: string): Promise<[JsonValue | undefined, number, number]> => {
          store.reset();
          const start = performance.now();
          const [id] = await scheduler.dispatch([call(fn)]);
          const result = show(await scheduler.result(id!));
          return [result, performance.now() - start, store.writes()];
        };
        // A first round warms the JIT up; the second one is measured.
        await measure("fanout");
        await measure("sequence");
        const [fanned, fanMs, fanWrites] = await measure("fanout");
        const [stepped, seqMs, seqWrites] = await measure("sequence");
        expect([fanned, stepped]).toEqual([FAN_OUT, STEPS]);
        // Fan-out: outcomes of runs that end together share a transaction.
        expect(fanWrites / (FAN_OUT + 1)).toBeLessThan(0.1);
        // A sequential step is two writes, each claiming what it made runnable: the parent's poll
        // (claiming the child) and the child's completion (claiming the parent); plus the dispatch,
        // the root's first claim and its final completion.
        expect(seqWrites).toBe(2 * STEPS + 3);
        console.log(
          `${factory.name}: fan-out of ${FAN_OUT}: ${fanMs.toFixed(0)} ms (${((FAN_OUT / fanMs) * 1000).toFixed(0)} calls/s), ` +
            `${fanWrites} writes (${(fanWrites / (FAN_OUT + 1)).toFixed(3)} per call); ` +
            `${STEPS} sequential steps: ${seqMs.toFixed(0)} ms, ${seqWrites} writes (${(seqWrites / STEPS).toFixed(2)} per step)`,
        );
      } finally {
        await scheduler.close();
        await dispose();
      }
    });
  }
});
