import { create } from "@bufbuild/protobuf";
import { anyPack, StringValueSchema } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { sleepInput, SLEEP_FUNCTION } from "../../runtime/scheduler/reserved.js";
import type { Handler } from "./fake-functions.js";
import { forEachStore, nextEvents } from "./harness.js";
import { call, ok, poll, resultsOf, show, stateOf } from "./protocol.js";

const CANCELLED = "CancelledError: cannot finish call: it was cancelled";

describe("scheduler: polls and cancellation", () => {
  forEachStore((h) => {
    it("resumes with at most max_results results and keeps the rest for the next resume", async () => {
      const s = await h().start();
      const [id] = await s.dispatch([call("collector")]);
      const seen = show(await s.result(id!)) as [number, number][];
      expect(seen.map(([c, v]) => v / c)).toEqual([10, 10, 10]);
      expect(seen.map(([c]) => c).sort()).toEqual([1, 2, 3]);
      const resumes = h().endpoint.runs("collector").slice(1);
      expect(resumes.map((r) => resultsOf(r).length)).toEqual([1, 1, 1]);
    });

    it("resumes at max_wait with the results that are in, possibly none", async () => {
      const s = await h().start({}, {
        patient: (r) => (stateOf(r) ? ok(resultsOf(r).length) : poll({}, [call("sleeper", 1e9, 1n)], { maxWaitMs: 5000 })),
      });
      const polled = s.next("call:poll", (e) => e.function === "patient");
      const [id] = await s.dispatch([call("patient")]);
      await polled;
      await h().clock.advance(4999);
      expect(h().endpoint.runs("patient")).toHaveLength(1);
      const result = s.result(id!);
      await h().clock.advance(1);
      expect(show(await result)).toBe(0);
    });

    it("carries a typed coroutine state back as it was given", async () => {
      const typed = anyPack(StringValueSchema, create(StringValueSchema, { value: "frame" }));
      const s = await h().start({}, {
        typed: (r) => {
          if (r.directive.case === "input") {
            const response = poll({}, [call("child", 1, 1n)]);
            if (response.directive.case === "poll") response.directive.value.state = { case: "typedCoroutineState", value: typed };
            return response;
          }
          const state = r.directive.case === "pollResult" ? r.directive.value.state : undefined;
          return ok(state?.case === "typedCoroutineState" && state.value.typeUrl === typed.typeUrl ? show(resultsOf(r)[0]!)! : "lost");
        },
      });
      const [id] = await s.dispatch([call("typed")]);
      expect(show(await s.result(id!))).toBe(10);
      const resume = h().endpoint.runs("typed")[1]!;
      expect(resume.directive.case === "pollResult" && resume.directive.value.state.value).toEqual(typed);
    });

    const invalidPolls: [string, Handler, string][] = [
      ["a max_wait under 1 s", () => poll({}, [call("child", 1, 1n)], { maxWaitMs: 500 }), "max_wait must be at least 1000 ms, got 500 ms"],
      ["min_results 0", () => poll({}, [call("child", 1, 1n)], { min: 0 }), "min_results must be between 1 and 1000, got 0"],
      ["max_results 1001", () => poll({}, [call("child", 1, 1n)], { max: 1001 }), "max_results must be between 1 and 1000, got 1001"],
      ["a bad function name", () => poll({}, [call("child", 1, 1n), call("9lives", 1, 2n)]), 'call 1 ("9lives"): function "9lives" does not match ^[a-zA-Z_][a-zA-Z0-9_<>.]*$'],
      ["a reused correlation id", () => poll({}, [call("child", 1, 1n), call("child", 2, 1n)]), "call 1 reuses correlation id 1"],
      ["a sleep without a duration", () => poll({}, [call(SLEEP_FUNCTION, "soon", 1n)]), `call 0 ("${SLEEP_FUNCTION}"): input must be a google.protobuf.Duration, got "type.googleapis.com/google.protobuf.Value"`],
    ];
    for (const [name, handler, problem] of invalidPolls) {
      it(`fails a call whose Poll has ${name} with INVALID_RESPONSE and dispatches nothing`, async () => {
        const s = await h().start({}, { p: handler });
        let dispatched = 0;
        s.on("call:dispatched", () => dispatched++);
        const [id] = await s.dispatch([call("p")]);
        expect(show(await s.result(id!))).toBe(`InvalidResponseError: cannot accept poll from call ${id} (p): ${problem}`);
        expect(dispatched).toBe(1);
        expect(h().endpoint.runs("child")).toEqual([]);
      });
    }

    it("cancels losers named in cancel_correlation_ids: a running loser's answer ends it cancelled, unseen by its parent", async () => {
      let release: (value: ReturnType<typeof ok>) => void = () => {};
      const s = await h().start({}, {
        gated: () => new Promise((resolve) => (release = resolve)),
        racer: (r) => {
          const state = stateOf<{ stage: number }>(r);
          if (!state) return poll({ stage: 1 }, [call("child", 1, 1n), call("gated", null, 2n)], { min: 1, max: 1 });
          if (state.stage === 1) return poll({ stage: 2 }, [call("child", 5, 3n)], { min: 1, max: 1, cancel: [2n] });
          return ok(resultsOf(r).map((x) => [Number(x.correlationId), show(x)!]));
        },
      });
      const gated = s.next("call:start", (e) => e.function === "gated");
      const [id] = await s.dispatch([call("racer")]);
      expect(show(await s.result(id!))).toEqual([[3, 50]]);
      // The loser's run is not interrupted: it is marked, and its answer decides.
      expect(await s.get((await gated).id)).toMatchObject({ status: "running", cancelling: "requested" });
      const cancelled = s.next("call:cancelled", (e) => e.function === "gated");
      release(ok("too late"));
      expect(await cancelled).toMatchObject({ function: "gated", parentId: id, delivered: false });
      expect(h().endpoint.runs("racer").map((r) => resultsOf(r).map((x) => Number(x.correlationId)))).toEqual([[], [1], [3]]);
    });

    it("a suspended loser is resumed once with a CancelledError and runs its compensation on its own", async () => {
      const s = await h().start({}, {
        racer: (r) => {
          const state = stateOf<{ stage: number }>(r);
          if (!state) return poll({ stage: 1 }, [call("child", 1, 1n), call("guarded", null, 2n)], { min: 1, max: 1 });
          // Decided in a Poll: the racer goes on (a sleep) while the loser compensates.
          if (state.stage === 1) return poll({ stage: 2 }, [call(SLEEP_FUNCTION, sleepInput(10_000), 3n)], { min: 1, max: 1, cancel: [2n], maxWaitMs: 1e9 });
          return ok(resultsOf(r).map((x) => Number(x.correlationId)));
        },
        // Waits on a long sleeper; at a CancelledError it calls "undo" (its compensation).
        guarded: (r) => {
          const state = stateOf<{ stage: number }>(r);
          if (!state) return poll({ stage: 1 }, [call("sleeper", 1e6, 1n)]);
          if (state.stage === 1) return poll({ stage: 2 }, [call("child", 7, 2n)]);
          return ok("undone");
        },
      });
      const guardedPolled = s.next("call:poll", (e) => e.function === "guarded");
      const racerPolled = nextEvents(s, "call:poll", 2, (e) => e.function === "racer");
      const [id] = await s.dispatch([call("racer")]);
      const { id: loser } = await guardedPolled;
      const done = s.next("call:cancelled", (e) => e.id === loser);
      await racerPolled;
      expect(await done).toMatchObject({ function: "guarded", parentId: id, delivered: false });
      const runs = h().endpoint.runs("guarded").map((r) => resultsOf(r).map((x) => [Number(x.correlationId), show(x)]));
      expect(runs).toEqual([[], [[1, CANCELLED]], [[2, 70]]]);
      expect((await s.get(loser))!.status).toBe("cancelled");
      // The racer heard nothing of its loser: it still sleeps.
      expect((await s.get(id!))!.status).toBe("waiting");
      await h().clock.advance(10_000);
      expect(show(await s.result(id!))).toEqual([3]);
      expect(h().endpoint.runs("racer").map((r) => resultsOf(r).map((x) => Number(x.correlationId)))).toEqual([[], [1], [3]]);
    });

    it("cancels a root with its subtree: suspended calls are resumed with CancelledErrors first", async () => {
      const s = await h().start({}, {
        tree: (r) => (stateOf(r) ? ok("never") : poll({}, [call("sleeper", 1e6, 1n), call("tree2", null, 2n)])),
        tree2: (r) => (stateOf(r) ? ok("never") : poll({}, [call("sleeper", 1e6, 1n)])),
      });
      const polls = nextEvents(s, "call:poll", 4);
      const [id] = await s.dispatch([call("tree")]);
      await polls;
      const cancelled: string[] = [];
      s.on("call:cancelled", (e) => cancelled.push(e.function));
      expect(await s.cancel(id!)).toBe(true);
      // The timers never ran: they are cancelled at once; the suspended calls compensate.
      expect(cancelled.sort()).toEqual([SLEEP_FUNCTION, SLEEP_FUNCTION]);
      expect((await s.get(id!))!.status).not.toBe("cancelled");
      expect(show(await s.result(id!))).toBe(CANCELLED);
      await s.idle();
      expect(cancelled.sort()).toEqual([SLEEP_FUNCTION, SLEEP_FUNCTION, "sleeper", "sleeper", "tree", "tree2"].sort());
      expect((await s.get(id!))!.status).toBe("cancelled");
      // Each suspended call was resumed once, with a CancelledError for each outstanding child.
      const resumes = (fn: string) => h().endpoint.runs(fn).filter((r) => stateOf(r)).map((r) => resultsOf(r).map((x) => [Number(x.correlationId), show(x)]));
      expect(resumes("tree")).toEqual([[[1, CANCELLED], [2, CANCELLED]]]);
      expect(resumes("tree2")).toEqual([[[1, CANCELLED]]]);
      expect(resumes("sleeper")).toEqual([[[1, CANCELLED]], [[1, CANCELLED]]]);
      expect(await s.cancel(id!)).toBe(false);
      expect(await s.cancel("nope")).toBe(false);
    });

    it("a second cancel stops a compensating call at once, with its compensations", async () => {
      let release: (value: ReturnType<typeof ok>) => void = () => {};
      const s = await h().start({}, {
        undo: () => new Promise((resolve) => (release = resolve)),
        // Its compensation (after a CancelledError) calls "undo" and waits on it.
        careful: (r) => {
          const state = stateOf<{ stage: number }>(r);
          if (!state) return poll({ stage: 1 }, [call("sleeper", 1e6, 1n)]);
          if (state.stage === 1) return poll({ stage: 2 }, [call("undo", null, 2n)]);
          return ok("undone");
        },
      });
      const sleeping = s.next("call:poll", (e) => e.function === "sleeper");
      const [id] = await s.dispatch([call("careful")]);
      await sleeping;
      const undoing = s.next("call:dispatched", (e) => e.function === "undo");
      expect(await s.cancel(id!)).toBe(true);
      const { id: undoId } = await undoing;
      expect((await s.get(id!))!.status).toBe("waiting");
      expect(await s.cancel(id!)).toBe(true);
      expect((await s.get(id!))!.status).toBe("cancelled");
      expect((await s.get(undoId))!.status).toBe("cancelled");
      expect(show(await s.result(id!))).toBe(CANCELLED);
      release(ok("too late"));
      await s.idle();
    });

    it("a call cancelled while it runs compensates after the Poll it answers; at Exit it ends cancelled", async () => {
      let answerSlow: (value: ReturnType<typeof poll>) => void = () => {};
      let answerQuick: (value: ReturnType<typeof ok>) => void = () => {};
      const s = await h().start({}, {
        slow: (r) => (stateOf(r) ? ok(resultsOf(r).map((x) => show(x) ?? null)) : new Promise((resolve) => (answerSlow = resolve))),
        quick: () => new Promise((resolve) => (answerQuick = resolve)),
      });
      const bothStarted = nextEvents(s, "call:start", 2);
      const [a, b] = await s.dispatch([call("slow"), call("quick")]);
      await bothStarted;
      expect(await s.cancel(a!)).toBe(true);
      expect(await s.cancel(b!)).toBe(true);
      expect((await s.get(a!))!.status).toBe("running");
      answerSlow(poll({}, [call("sleeper", 1e6, 1n)]));
      answerQuick(ok("done anyway"));
      expect(show(await s.result(a!))).toBe(CANCELLED);
      expect(show(await s.result(b!))).toBe(CANCELLED);
      // The Poll's new child was cancelled before it ran; the resume got its CancelledError.
      expect(h().endpoint.runs("slow").slice(1).map((r) => resultsOf(r).map((x) => show(x)))).toEqual([[CANCELLED]]);
      expect(h().endpoint.runs("sleeper")).toEqual([]);
    });

    it("gives a waiting parent a CancelledError for a child cancelled from outside", async () => {
      const s = await h().start({}, {
        watcher: (r) => (stateOf(r) ? ok(show(resultsOf(r)[0]!)!) : poll({}, [call("sleeper", 1e6, 1n)])),
      });
      const child = s.next("call:dispatched", (e) => e.function === "sleeper");
      const childPolled = s.next("call:poll", (e) => e.function === "sleeper");
      const [id] = await s.dispatch([call("watcher")]);
      const { id: childId } = await child;
      await childPolled;
      expect(await s.cancel(childId)).toBe(true);
      expect(show(await s.result(id!))).toBe(CANCELLED);
    });
  });
});
