import { describe, expect, it } from "vitest";
import type { RunResponse } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { forEachStore } from "./harness.js";
import { call, ok } from "./protocol.js";

describe("scheduler: adaptive concurrency", () => {
  forEachStore((h) => {
    it("never runs more calls of a function at once than its limit", async () => {
      const gates: ((r: RunResponse) => void)[] = [];
      let running = 0;
      let peak = 0;
      const s = await h().start({ concurrency: { initial: 2, ceiling: 2 } }, {
        slow: () => {
          peak = Math.max(peak, ++running);
          return new Promise<RunResponse>((resolve) => gates.push(resolve)).finally(() => running--);
        },
      });
      const ids = await s.dispatch(Array.from({ length: 5 }, (_, i) => call("slow", i)));
      const others = await s.dispatch([call("child", 1)]);
      expect(await s.result(others[0]!)).toBeDefined();
      for (let released = 0; released < 5; released++) {
        await h().clock.advance(0);
        expect(running).toBe(Math.min(2, 5 - released));
        gates.shift()!(ok(released));
      }
      await Promise.all(ids.map((id) => s.result(id)));
      expect(peak).toBe(2);
    });

    it("halves a function's limit on a retryable status and raises it on success, within floor and ceiling", async () => {
      let runs = 0;
      const s = await h().start({ concurrency: { initial: 8, floor: 3, ceiling: 9 } }, {
        shaky: () => (++runs <= 3 ? { ...ok(0), status: 3 } : ok("fine")),
      });
      const changes: number[] = [];
      s.on("concurrency:change", (e) => e.function === "shaky" && changes.push(e.limit));
      const [id] = await s.dispatch([call("shaky")]);
      const result = s.result(id!);
      await h().clock.advance(10_000);
      await result;
      expect(changes).toEqual([4, 3, 4]);
      expect(s.concurrencyLimit("shaky")).toBe(4);
      const more = await s.dispatch(Array.from({ length: 10 }, () => call("shaky")));
      await Promise.all(more.map((x) => s.result(x)));
      expect(s.concurrencyLimit("shaky")).toBe(9);
      expect(s.concurrencyLimit("unknown")).toBe(8);
    });
  });
});
