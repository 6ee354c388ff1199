import { describe, expect, it } from "vitest";
import type { Handler } from "./fake-functions.js";
import { standardFunctions } from "./fake-functions.js";
import { forEachStore, nextEvents } from "./harness.js";
import { call, inputOf, ok, pack, show, stateOf } from "./protocol.js";

const never = () => new Promise<never>(() => {});

describe("scheduler: crash recovery and retention", () => {
  forEachStore((h) => {
    it("re-runs a call that was running at a crash and records each result once", async () => {
      let crashed = false;
      const handlers: Record<string, Handler> = {
        child: (r) => (inputOf(r) === 1 && !crashed ? never() : ok((inputOf(r) as number) * 10)),
      };
      const s = await h().start({}, handlers);
      const started = nextEvents(s, "call:start", 3);
      const secondChild = s.next("call:done", (e) => e.function === "child");
      const [id] = await s.dispatch([call("parent", [1, 2])]);
      await Promise.all([started, secondChild]);
      crashed = true;
      const after = await h().restart({}, handlers);
      const done: string[] = [];
      after.on("call:done", (e) => done.push(e.function));
      expect(show(await after.result(id!))).toBe(30);
      expect(done).toEqual(["child", "parent"]);
      expect(h().endpoint.runs("child").map((r) => [inputOf(r), r.attempt])).toEqual([[1, 2]]);
    });

    it("re-sends the same results when a resume was running at a crash", async () => {
      let crashed = false;
      const parent = standardFunctions().parent!;
      const handlers: Record<string, Handler> = { parent: (r) => (stateOf(r) && !crashed ? never() : parent(r)) };
      const s = await h().start({}, handlers);
      const resumed = s.next("call:resume");
      const [id] = await s.dispatch([call("parent", [3, 4])]);
      expect((await resumed).results).toBe(2);
      crashed = true;
      const after = await h().restart({}, handlers);
      expect(show(await after.result(id!))).toBe(70);
      const [resume] = h().endpoint.runs("parent");
      expect(resume!.attempt).toBe(2);
      expect(h().endpoint.runs("child")).toEqual([]);
    });

    it("deletes finished calls after their retention and frees their idempotency keys", async () => {
      const s = await h().start({ retentionMs: 60_000, housekeepingIntervalMs: 0 });
      const [id] = await s.dispatch([call("child", 1)], { idempotencyKeys: ["k"] });
      await s.result(id!);
      await s.sendEvent("nobody", pack(1));
      expect(await s.cleanup()).toEqual({ calls: 0, events: 0 });
      await h().clock.advance(60_001);
      expect(await s.cleanup()).toEqual({ calls: 1, events: 0 });
      expect(await s.get(id!)).toBeUndefined();
      const [again] = await s.dispatch([call("child", 1)], { idempotencyKeys: ["k"] });
      expect(again).not.toBe(id);
    });

    it("runs housekeeping on its interval", async () => {
      const s = await h().start({ retentionMs: 1000, eventRetentionMs: 1000, housekeepingIntervalMs: 10_000 });
      const [id] = await s.dispatch([call("child", 1)]);
      await s.result(id!);
      await s.sendEvent("nobody", pack(1));
      const housekeeping = s.next("housekeeping:done");
      await h().clock.advance(10_000);
      expect(await housekeeping).toEqual({ calls: 1, events: 1 });
    });
  });
});
