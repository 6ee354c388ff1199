import { create } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RunResponseSchema } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { systemClock } from "../../runtime/scheduler/clock.js";
import type { Handler } from "./fake-functions.js";
import { forEachStore } from "./harness.js";
import { call, failure, inputOf, ok, resultsOf, show, Status, tail } from "./protocol.js";

const bare = (status: Status) => create(RunResponseSchema, { status });

describe("scheduler: retries, failures, tail calls", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  forEachStore((h) => {
    it("retries a retryable status with backoff under fake timers", async () => {
      vi.useFakeTimers();
      const s = await h().start({ clock: systemClock });
      const firstRetry = s.next("call:retry");
      const [id] = await s.dispatch([call("flaky")]);
      expect(await firstRetry).toEqual({ id, function: "flaky", attempt: 1, status: "TEMPORARY_ERROR", delayMs: 50, message: "TemporaryError: flaky run 1" });
      const secondRetry = s.next("call:retry");
      await vi.advanceTimersByTimeAsync(50);
      expect(await secondRetry).toMatchObject({ attempt: 2, delayMs: 100 });
      const done = s.next("call:done", (e) => e.id === id);
      await vi.advanceTimersByTimeAsync(99);
      expect(h().endpoint.runs("flaky")).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(show((await done).result)).toBe("ok");
      expect(h().endpoint.runs("flaky").map((r) => r.attempt)).toEqual([1, 2, 3]);
    });

    it("fails with the function's own error once attempts run out", async () => {
      const s = await h().start({ retry: { maxAttempts: 3 } });
      const [id] = await s.dispatch([call("throttled")]);
      const result = s.result(id!);
      await h().clock.advance(10_000);
      expect(show(await result)).toBe("ThrottledError: slow down");
      expect(h().endpoint.runs("throttled")).toHaveLength(3);
      expect((await s.get(id!))!.status).toBe("failed");
    });

    it("counts a thrown transport error as TCP_ERROR and says so when giving up", async () => {
      const s = await h().start({ retry: { maxAttempts: 2 } }, {
        unreachable: () => {
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
        },
      });
      const retry = s.next("call:retry");
      const [id] = await s.dispatch([call("unreachable")]);
      expect((await retry).status).toBe("TCP_ERROR");
      const result = s.result(id!);
      await h().clock.advance(1000);
      expect(show(await result)).toBe(
        `TcpError: cannot run call ${id} (unreachable): gave up after 2 attempts: TCP_ERROR: connect ECONNREFUSED 127.0.0.1:1`,
      );
    });

    it("finishes a call with a permanent status at once", async () => {
      const s = await h().start();
      let retries = 0;
      s.on("call:retry", () => retries++);
      const [id] = await s.dispatch([call("broken")]);
      expect(show(await s.result(id!))).toBe("ValueError: bad input");
      expect(retries).toBe(0);
      expect(h().endpoint.runs("broken")).toHaveLength(1);
    });

    it("does not schedule a retry after the call expires", async () => {
      const s = await h().start({ retry: { initialDelayMs: 10_000 } }, { busy: () => bare(Status.TEMPORARY_ERROR) });
      const [id] = await s.dispatch([call("busy", null, 0n, { expiration: durationFromMs(1000) })]);
      expect(show(await s.result(id!))).toBe(
        `TemporaryError: cannot run call ${id} (busy): gave up after 1 attempts: the call expires before the next one: TEMPORARY_ERROR`,
      );
    });

    it("treats a run without an answer within invokeTimeoutMs as TIMEOUT", async () => {
      let runs = 0;
      const s = await h().start({ invokeTimeoutMs: 1000 }, { slow: () => (++runs === 1 ? new Promise(() => {}) : ok("late")) });
      const retry = s.next("call:retry");
      const [id] = await s.dispatch([call("slow")]);
      const result = s.result(id!);
      await h().clock.advance(1000);
      expect(await retry).toMatchObject({ status: "TIMEOUT", message: "TIMEOUT: no response within 1000 ms" });
      await h().clock.advance(1000);
      expect(show(await result)).toBe("late");
    });

    it("fails a response without a status as INVALID_RESPONSE", async () => {
      const s = await h().start({}, { mute: () => bare(Status.UNSPECIFIED) });
      const [id] = await s.dispatch([call("mute")]);
      expect(show(await s.result(id!))).toBe(`InvalidResponseError: cannot accept response from call ${id} (mute): status is not set`);
    });

    it("replaces a call with its tail call under the same id", async () => {
      const s = await h().start();
      const tailed = s.next("call:tail");
      const [id] = await s.dispatch([call("tailing", 3)]);
      expect(show(await s.result(id!))).toBe(30);
      expect(await tailed).toEqual({ id, from: "tailing", to: "child" });
      expect(h().endpoint.runs("child").map((r) => [r.dispatchId, r.attempt, inputOf(r)])).toEqual([[id, 1, 3]]);
      expect((await s.get(id!))!.function).toBe("child");
    });

    it("retries a tail call answered with a retryable status instead of following it", async () => {
      let runs = 0;
      const s = await h().start({}, {
        hop: () => (++runs === 1 ? tail(call("child", 1), Status.TEMPORARY_ERROR) : tail(call("child", 2))),
      });
      const [id] = await s.dispatch([call("hop")]);
      const result = s.result(id!);
      await h().clock.advance(1000);
      expect(show(await result)).toBe(20);
      expect(h().endpoint.runs("hop")).toHaveLength(2);
      expect(h().endpoint.runs("child").map(inputOf)).toEqual([2]);
    });

    it("restarts a resume answered with INCOMPATIBLE_STATE from its input once, then fails", async () => {
      const fragile: Handler = (r) =>
        r.directive.case === "input"
          ? // The sleeper stays open: the restart must cancel it.
            create(RunResponseSchema, {
              status: Status.OK,
              directive: {
                case: "poll",
                value: {
                  state: { case: "coroutineState", value: new Uint8Array([1]) },
                  calls: [call("child", 1, 1n), call("sleeper", 1e6, 2n)],
                  minResults: 1,
                  maxResults: 1,
                  maxWait: durationFromMs(60_000),
                },
              },
            })
          : bare(Status.INCOMPATIBLE_STATE);
      const s = await h().start({}, { fragile });
      const restarted = s.next("call:restart");
      const cancelled = s.next("call:cancelled", (e) => e.function === "sleeper");
      const [id] = await s.dispatch([call("fragile")]);
      expect(await restarted).toEqual({ id, function: "fragile" });
      expect(await cancelled).toMatchObject({ function: "sleeper", parentId: id, delivered: false });
      expect(show(await s.result(id!))).toBe(
        `IncompatibleStateError: cannot resume call ${id} (fragile): its state is incompatible again after a restart from its input`,
      );
      expect(h().endpoint.runs("fragile").map((r) => r.directive.case)).toEqual(["input", "pollResult", "input", "pollResult"]);
      // The old coroutine's sleeper was suspended: it compensated (a CancelledError at its await).
      expect(h().endpoint.runs("sleeper").filter((r) => r.directive.case === "pollResult").map((r) => resultsOf(r).map((x) => show(x)))).toEqual([["CancelledError: cannot finish call: it was cancelled"]]);
    });

    it("fails a first run answered with INCOMPATIBLE_STATE without retrying it", async () => {
      const s = await h().start({}, { stale: () => bare(Status.INCOMPATIBLE_STATE) });
      const [id] = await s.dispatch([call("stale")]);
      expect(show(await s.result(id!))).toBe(
        `IncompatibleStateError: cannot run call ${id} (stale): the endpoint answered INCOMPATIBLE_STATE to its input`,
      );
      expect(h().endpoint.runs("stale")).toHaveLength(1);
    });
  });
});
