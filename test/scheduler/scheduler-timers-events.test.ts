import { anyPack, durationFromMs, DurationSchema, StringValueSchema } from "@bufbuild/protobuf/wkt";
import { create } from "@bufbuild/protobuf";
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../runtime/scheduler/clock.js";
import { eventWaitInput, SLEEP_FUNCTION, WAIT_FOR_EVENT_FUNCTION } from "../../runtime/scheduler/reserved.js";
import { forEachStore } from "./harness.js";
import { call, pack, show } from "./protocol.js";

const str = (value: string) => anyPack(StringValueSchema, create(StringValueSchema, { value }));

describe("scheduler: durable timers and events", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  forEachStore((h) => {
    it("wakes a sleeping call after exactly its duration (manual clock)", async () => {
      const s = await h().start();
      const polled = s.next("call:poll");
      const [id] = await s.dispatch([call("sleeper", 10_000)]);
      await polled;
      await h().clock.advance(9_999);
      expect((await s.get(id!))!.status).toBe("waiting");
      const result = s.result(id!);
      await h().clock.advance(1);
      expect(show(await result)).toBe("woke");
      expect(h().endpoint.requests.map((r) => r.function)).toEqual(["sleeper", "sleeper"]);
    });

    it("wakes a sleeping call under vitest fake timers", async () => {
      vi.useFakeTimers();
      const s = await h().start({ clock: systemClock });
      const done = s.next("call:done", (e) => e.function === "sleeper");
      await s.dispatch([call("sleeper", 60_000)]);
      await vi.advanceTimersByTimeAsync(59_999);
      expect(h().endpoint.requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(show((await done).result)).toBe("woke");
    });

    it("keeps a timer across a crash and a new scheduler", async () => {
      const s = await h().start();
      const polled = s.next("call:poll");
      const [id] = await s.dispatch([call("sleeper", 10_000)]);
      await polled;
      const after = await h().restart();
      const result = after.result(id!);
      await h().clock.advance(10_000);
      expect(show(await result)).toBe("woke");
    });

    it("delivers an event to the call waiting on its key", async () => {
      const s = await h().start();
      const polled = s.next("call:poll");
      const [id] = await s.dispatch([call("waiter", { key: "order-42" })]);
      await polled;
      expect(await s.sendEvent("order-42", pack("approved"))).toEqual({ delivered: true });
      expect(show(await s.result(id!))).toBe("approved");
    });

    it("keeps an event sent before anyone waits and gives it to the first waiter", async () => {
      const s = await h().start();
      const sent = s.next("event:sent");
      expect(await s.sendEvent("early", pack(1))).toEqual({ delivered: false });
      expect(await sent).toEqual({ key: "early", stored: true });
      const [first, second] = await s.dispatch([call("waiter", { key: "early" }), call("waiter", { key: "early", timeoutMs: 5000 })]);
      expect(show(await s.result(first!))).toBe(1);
      const late = s.result(second!);
      await h().clock.advance(5000);
      expect(show(await late)).toBe('TimeoutError: cannot wait for event "early": timed out after 5000 ms');
    });

    it("gives each event to one waiter, oldest waiter and oldest event first", async () => {
      const s = await h().start();
      const polls = new Promise<void>((resolve) => {
        let n = 0;
        s.on("call:poll", () => ++n === 2 && resolve());
      });
      const ids = await s.dispatch([call("waiter", { key: "k" }), call("waiter", { key: "k" })]);
      await polls;
      await s.sendEvent("k", pack("a"));
      await s.sendEvent("k", pack("b"));
      const results = await Promise.all(ids.map((id) => s.result(id)));
      expect(results.map(show)).toEqual(["a", "b"]);
      expect(await s.sendEvent("k", pack("c"))).toEqual({ delivered: false });
    });

    it("resolves a root call to wait_for_event with the payload itself", async () => {
      const s = await h().start();
      const [id] = await s.dispatch([call(WAIT_FOR_EVENT_FUNCTION, eventWaitInput({ key: "direct" }))]);
      await s.sendEvent("direct", str("hi"));
      const result = await s.result(id!);
      expect(result.output).toEqual(str("hi"));
      expect(h().endpoint.requests).toEqual([]);
    });

    it("rejects reserved calls with bad inputs at dispatch", async () => {
      const s = await h().start();
      await expect(s.dispatch([call(SLEEP_FUNCTION, "10s")])).rejects.toThrow(
        `cannot dispatch call 0 ("${SLEEP_FUNCTION}"): input must be a google.protobuf.Duration, got "type.googleapis.com/google.protobuf.Value"`,
      );
      await expect(s.dispatch([call(SLEEP_FUNCTION, anyPack(DurationSchema, durationFromMs(-5)))])).rejects.toThrow(
        `cannot dispatch call 0 ("${SLEEP_FUNCTION}"): duration must not be negative, got -5 ms`,
      );
      await expect(s.dispatch([call(WAIT_FOR_EVENT_FUNCTION, eventWaitInput({ key: "" }))])).rejects.toThrow(
        `cannot dispatch call 0 ("${WAIT_FOR_EVENT_FUNCTION}"): key must be a non-empty string, got ""`,
      );
      await expect(s.dispatch([call(WAIT_FOR_EVENT_FUNCTION, eventWaitInput({ key: "k", timeoutMs: -1 }))])).rejects.toThrow(
        `cannot dispatch call 0 ("${WAIT_FOR_EVENT_FUNCTION}"): timeoutMs must be a non-negative number, got -1`,
      );
      await expect(s.sendEvent("", pack(1))).rejects.toThrow("cannot send event: the key is empty");
    });

    it("fails a waiter without a timeout, and a long sleep, when they expire", async () => {
      const s = await h().start();
      const expiring = { expiration: durationFromMs(3000) };
      const ids = await s.dispatch([
        call(WAIT_FOR_EVENT_FUNCTION, eventWaitInput({ key: "never" }), 0n, expiring),
        call(SLEEP_FUNCTION, anyPack(DurationSchema, durationFromMs(60_000)), 0n, expiring),
      ]);
      const results = Promise.all(ids.map((id) => s.result(id)));
      await h().clock.advance(3000);
      const expired = new Date(h().clock.now()).toISOString();
      expect((await results).map(show)).toEqual([
        `TimeoutError: cannot run call ${ids[0]} (${WAIT_FOR_EVENT_FUNCTION}): it expired at ${expired}`,
        `TimeoutError: cannot run call ${ids[1]} (${SLEEP_FUNCTION}): it expired at ${expired}`,
      ]);
      expect(await s.sendEvent("never", pack(1))).toEqual({ delivered: false });
    });

    it("fails a suspended call when it expires, even while its child sleeps on", async () => {
      const s = await h().start();
      const [id] = await s.dispatch([call("sleeper", 1e6, 0n, { expiration: durationFromMs(5000) })]);
      const result = s.result(id!);
      await h().clock.advance(5000);
      const expired = new Date(h().clock.now()).toISOString();
      expect(show(await result)).toBe(`TimeoutError: cannot run call ${id} (sleeper): it expired at ${expired}`);
    });
  });
});
