// The one test suite every store runs (Vercel Workflow's createTestSuite idea): the store
// contract, operation by operation, with opaque bytes. A new backend (PostgreSQL) passes this
// before the scheduler runs on it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewCall, ResultData, Store } from "../../runtime/scheduler/store/types.js";

const T0 = 1_700_000_000_000;
const bytes = (...values: number[]) => new Uint8Array(values);
const OK: ResultData = { output: bytes(1) };
const CANCELLED: ResultData = { error: bytes(9) };

let counter = 0;
export function newCall(overrides: Partial<NewCall> = {}): NewCall {
  const id = overrides.id ?? `call-${++counter}`;
  return {
    id,
    rootId: overrides.rootId ?? id,
    correlationId: 0n,
    kind: "run",
    endpoint: "e",
    function: "f",
    version: "",
    input: bytes(0),
    createdAt: T0,
    readyAt: T0,
    ...overrides,
  };
}

const claimAll = { limit: 100, capacity: {}, defaultCapacity: 100 };

export function storeSuite(name: string, makeStore: () => Promise<Store>, cleanup: () => Promise<void> = async () => {}): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    /** A parent that polled with the given children, claimed and suspended. */
    async function suspendedParent(children: NewCall[], poll: { min?: number; max?: number; deadline?: number } = {}) {
      const parent = newCall();
      await store.insertCalls([parent], T0);
      const [claimed] = await store.claimRunnable({ now: T0, ...claimAll });
      const outcome = await store.recordPolls(
        [
          {
            id: parent.id,
            attempt: claimed!.call.attempt,
            state: bytes(7, 7),
            stateTyped: false,
            minResults: poll.min ?? 1,
            maxResults: poll.max ?? 10,
            deadline: poll.deadline ?? T0 + 60_000,
            children: children.map((c) => ({ ...c, rootId: parent.id, parentId: parent.id, function: `fn_${c.id}` })),
            cancel: [],
            cancelled: CANCELLED,
          },
        ],
        T0,
      );
      expect(outcome.applied).toEqual([true]);
      return parent;
    }

    /** Claims one call alone (its function gets all the capacity) and completes it. */
    async function runAndComplete(id: string, now: number, result: ResultData = OK) {
      const fn = (await store.getCall(id))!.function;
      const claimed = await store.claimRunnable({ now, limit: 100, capacity: { [fn]: 100 }, defaultCapacity: 0 });
      const call = claimed.find((c) => c.call.id === id)!.call;
      return store.completeCalls([{ id, attempt: call.attempt, status: "succeeded", result }], now);
    }

    /** Claims the parent of a test alone (roots run "f"; children get their own functions). */
    async function claimParent(now: number) {
      const claimed = await store.claimRunnable({ now, limit: 100, capacity: { f: 100 }, defaultCapacity: 0 });
      expect(claimed).toHaveLength(1);
      return claimed[0]!;
    }

    it("inserts calls and returns their ids in order", async () => {
      const calls = [newCall(), newCall(), newCall()];
      const outcome = await store.insertCalls(calls, T0);
      expect(outcome.ids).toEqual(calls.map((c) => c.id));
      expect(outcome.inserted).toEqual([true, true, true]);
      const record = await store.getCall(calls[1]!.id);
      expect(record).toMatchObject({ id: calls[1]!.id, status: "queued", attempt: 0, step: 0, readyAt: T0, function: "f" });
      expect(record!.input).toEqual(bytes(0));
      expect(await store.getCall("missing")).toBeUndefined();
    });

    it("returns the existing id for a known idempotency key, also within one list", async () => {
      const first = newCall({ idempotencyKey: "k" });
      await store.insertCalls([first], T0);
      const again = newCall({ idempotencyKey: "k" });
      const other = newCall({ idempotencyKey: "j" });
      const twin = newCall({ idempotencyKey: "j" });
      const outcome = await store.insertCalls([again, other, twin], T0);
      expect(outcome.ids).toEqual([first.id, other.id, other.id]);
      expect(outcome.inserted).toEqual([false, true, false]);
      expect(await store.getCall(again.id)).toBeUndefined();
    });

    it("keeps uint64 correlation ids exactly", async () => {
      const parent = await suspendedParent([newCall({ correlationId: 2n ** 64n - 1n })]);
      const [child] = await store.listCalls({ parentId: parent.id, rootsOnly: false, limit: 10 });
      expect(child!.correlationId).toBe(2n ** 64n - 1n);
    });

    it("claims due calls oldest first, up to the limit, and counts the attempt", async () => {
      const late = newCall({ readyAt: T0 + 10 });
      const early = newCall({ readyAt: T0 - 10 });
      const future = newCall({ readyAt: T0 + 1000 });
      await store.insertCalls([late, early, future], T0);
      const first = await store.claimRunnable({ now: T0 + 10, limit: 1, capacity: {}, defaultCapacity: 10 });
      expect(first.map((c) => c.call.id)).toEqual([early.id]);
      expect(first[0]!.call).toMatchObject({ status: "running", attempt: 1 });
      expect(first[0]!.results).toEqual([]);
      const second = await store.claimRunnable({ now: T0 + 10, ...claimAll });
      expect(second.map((c) => c.call.id)).toEqual([late.id]);
      expect(await store.claimRunnable({ now: T0 + 10, ...claimAll })).toEqual([]);
      expect((await store.getCall(early.id))!.status).toBe("running");
    });

    it("claims within each function's capacity", async () => {
      const a = [newCall({ function: "a" }), newCall({ function: "a" }), newCall({ function: "a" })];
      const b = [newCall({ function: "b" }), newCall({ function: "b" })];
      const c = [newCall({ function: "c" })];
      await store.insertCalls([...a, ...b, ...c], T0);
      const claimed = await store.claimRunnable({ now: T0, limit: 10, capacity: { a: 2, c: 0 }, defaultCapacity: 1 });
      expect(claimed.map((x) => x.call.id)).toEqual([a[0]!.id, a[1]!.id, b[0]!.id]);
    });

    it("does not let a saturated function crowd out the others", async () => {
      const a = [1, 2, 3, 4, 5].map(() => newCall({ function: "a" }));
      const b = newCall({ function: "b" });
      await store.insertCalls([...a, b], T0);
      const claimed = await store.claimRunnable({ now: T0, limit: 2, capacity: { a: 1 }, defaultCapacity: 5 });
      expect(claimed.map((x) => x.call.id)).toEqual([a[0]!.id, b.id]);
    });

    it("finishes a call once: a completion from another attempt is not applied", async () => {
      const call = newCall();
      await store.insertCalls([call], T0);
      const [claimed] = await store.claimRunnable({ now: T0, ...claimAll });
      const stale = await store.completeCalls([{ id: call.id, attempt: 99, status: "succeeded", result: OK }], T0);
      expect(stale).toEqual({ applied: [false], finished: [] });
      const done = await store.completeCalls([{ id: call.id, attempt: claimed!.call.attempt, status: "failed", result: { error: bytes(5) } }], T0 + 5);
      expect(done.applied).toEqual([true]);
      expect(done.finished).toEqual([
        { id: call.id, rootId: call.id, function: "f", status: "failed", result: { error: bytes(5) }, delivered: false },
      ]);
      const again = await store.completeCalls([{ id: call.id, attempt: claimed!.call.attempt, status: "succeeded", result: OK }], T0);
      expect(again.applied).toEqual([false]);
      expect(await store.getCall(call.id)).toMatchObject({ status: "failed", finishedAt: T0 + 5, result: { error: bytes(5) } });
    });

    it("suspends a call and wakes it when min_results results are in", async () => {
      const c1 = newCall({ correlationId: 1n });
      const c2 = newCall({ correlationId: 2n });
      const parent = await suspendedParent([c1, c2], { min: 2, deadline: T0 + 60_000 });
      expect(await store.getCall(parent.id)).toMatchObject({ status: "waiting", step: 1, attempt: 0, readyAt: T0 + 60_000, minResults: 2 });
      expect((await store.getCall(parent.id))!.state).toEqual(bytes(7, 7));
      const children = await store.listCalls({ parentId: parent.id, rootsOnly: false, limit: 10 });
      expect(children.map((c) => c.id).sort()).toEqual([c1.id, c2.id].sort());
      expect(children[0]).toMatchObject({ rootId: parent.id, status: "queued" });
      const first = await runAndComplete(c1.id, T0 + 1);
      expect(first.finished[0]).toMatchObject({ id: c1.id, parentId: parent.id, delivered: true });
      expect((await store.getCall(parent.id))!.readyAt).toBe(T0 + 60_000);
      await runAndComplete(c2.id, T0 + 2);
      expect((await store.getCall(parent.id))!.readyAt).toBe(T0 + 2);
      const resume = await claimParent(T0 + 2);
      expect(resume.call).toMatchObject({ id: parent.id, status: "running", attempt: 1 });
      expect(resume.results.map((r) => [r.childId, r.correlationId, r.result])).toEqual([
        [c1.id, 1n, OK],
        [c2.id, 2n, OK],
      ]);
    });

    it("resumes with at most max_results, re-sends them on a retry and keeps the rest", async () => {
      const children = [1n, 2n, 3n].map((correlationId) => newCall({ correlationId }));
      const parent = await suspendedParent(children, { min: 1, max: 2 });
      for (const [i, c] of children.entries()) await runAndComplete(c.id, T0 + 1 + i);
      let [resume] = await store.claimRunnable({ now: T0 + 10, ...claimAll });
      expect(resume!.results.map((r) => r.correlationId)).toEqual([1n, 2n]);
      await store.rescheduleCalls([{ kind: "retry", id: parent.id, attempt: resume!.call.attempt, readyAt: T0 + 20 }], T0 + 10);
      expect(await store.getCall(parent.id)).toMatchObject({ status: "queued", attempt: 1, readyAt: T0 + 20 });
      [resume] = await store.claimRunnable({ now: T0 + 20, ...claimAll });
      expect(resume!.call.attempt).toBe(2);
      expect(resume!.results.map((r) => r.correlationId)).toEqual([1n, 2n]);
      const polled = await store.recordPolls(
        [{ id: parent.id, attempt: 2, state: bytes(8), stateTyped: true, minResults: 1, maxResults: 2, deadline: T0 + 90_000, children: [], cancel: [], cancelled: CANCELLED }],
        T0 + 21,
      );
      expect(polled.applied).toEqual([true]);
      // The third result was already in: the call is ready at once.
      expect(await store.getCall(parent.id)).toMatchObject({ status: "waiting", readyAt: T0 + 21, step: 2, stateTyped: true });
      [resume] = await store.claimRunnable({ now: T0 + 21, ...claimAll });
      expect(resume!.results.map((r) => r.correlationId)).toEqual([3n]);
    });

    it("resumes at the deadline with no results", async () => {
      const parent = await suspendedParent([newCall({ correlationId: 1n })], { deadline: T0 + 5000 });
      expect(await store.nextReadyAt(T0)).toBe(T0 + 5000);
      expect(await store.claimRunnable({ now: T0 + 4999, limit: 100, capacity: { f: 100 }, defaultCapacity: 0 })).toEqual([]);
      const resume = await claimParent(T0 + 5000);
      expect(resume.call.id).toBe(parent.id);
      expect(resume.results).toEqual([]);
      expect(await store.nextReadyAt(T0 + 5000)).toBeUndefined();
    });

    it("cancels polled children with their subtrees and drops their results", async () => {
      const keep = newCall({ correlationId: 1n });
      const drop = newCall({ correlationId: 2n });
      const done = newCall({ correlationId: 3n });
      const parent = await suspendedParent([keep, drop, done], { min: 3 });
      const grandchild = newCall({ rootId: parent.id, parentId: drop.id, correlationId: 1n, function: "g" });
      await store.insertCalls([grandchild], T0);
      await runAndComplete(done.id, T0 + 1);
      const [dropRun] = await store.claimRunnable({ now: T0 + 1, limit: 1, capacity: { [`fn_${drop.id}`]: 1 }, defaultCapacity: 0 });
      // The parent is resumed at its deadline and cancels two children.
      const resume = await claimParent(T0 + 60_000);
      expect(resume.results.map((r) => r.correlationId)).toEqual([3n]);
      const outcome = await store.recordPolls(
        [{ id: parent.id, attempt: resume.call.attempt, state: bytes(1), stateTyped: false, minResults: 1, maxResults: 1, deadline: T0 + 120_000, children: [], cancel: [2n, 3n], cancelled: CANCELLED }],
        T0 + 60_000,
      );
      expect(outcome.finished.map((f) => [f.id, f.status, f.delivered]).sort()).toEqual(
        [
          [drop.id, "cancelled", false],
          [grandchild.id, "cancelled", false],
        ].sort(),
      );
      expect(await store.getCall(grandchild.id)).toMatchObject({ status: "cancelled", result: CANCELLED });
      const late = await store.completeCalls([{ id: drop.id, attempt: dropRun!.call.attempt, status: "succeeded", result: OK }], T0 + 60_001);
      expect(late.applied).toEqual([false]);
      expect((await store.getCall(keep.id))!.status).not.toBe("cancelled");
      await runAndComplete(keep.id, T0 + 60_002);
      const next = await claimParent(T0 + 60_002);
      expect(next.results.map((r) => r.correlationId)).toEqual([1n]);
    });

    it("cancels a call's subtree and tells its waiting parent", async () => {
      const child = newCall({ correlationId: 4n });
      const parent = await suspendedParent([child]);
      const grandchild = newCall({ rootId: parent.id, parentId: child.id, correlationId: 1n, function: "g" });
      await store.insertCalls([grandchild], T0);
      const outcome = await store.cancelCalls([child.id], CANCELLED, T0 + 1);
      expect(outcome.applied).toEqual([true]);
      expect(outcome.finished.map((f) => [f.id, f.delivered])).toEqual([
        [child.id, true],
        [grandchild.id, false],
      ]);
      const resume = await claimParent(T0 + 1);
      expect(resume.call.id).toBe(parent.id);
      expect(resume.results).toEqual([{ childId: child.id, correlationId: 4n, result: CANCELLED }]);
      expect((await store.cancelCalls([child.id, "missing"], CANCELLED, T0 + 2)).applied).toEqual([false, false]);
    });

    it("does not deliver to a finished parent", async () => {
      const child = newCall({ correlationId: 1n });
      const parent = await suspendedParent([child]);
      const run = await claimParent(T0 + 60_000);
      await store.completeCalls([{ id: parent.id, attempt: run.call.attempt, status: "succeeded", result: OK }], T0 + 60_000);
      const outcome = await runAndComplete(child.id, T0 + 60_001);
      expect(outcome.finished[0]!.delivered).toBe(false);
    });

    it("replaces a call on a tail call and drops results meant for the old coroutine", async () => {
      const child = newCall({ correlationId: 1n });
      const parent = await suspendedParent([child]);
      const run = await claimParent(T0 + 60_000);
      const outcome = await store.rescheduleCalls(
        [{ kind: "tail", id: parent.id, attempt: run.call.attempt, readyAt: T0 + 60_000, endpoint: "e2", function: "g", version: "v2", input: bytes(3), expiresAt: T0 + 1e6 }],
        T0 + 60_000,
      );
      expect(outcome.applied).toEqual([true]);
      expect(await store.getCall(parent.id)).toMatchObject({ status: "queued", function: "g", endpoint: "e2", version: "v2", generation: 1, step: 0, attempt: 0, expiresAt: T0 + 1e6, stateTyped: false });
      expect((await store.getCall(parent.id))!.state).toBeUndefined();
      expect((await runAndComplete(child.id, T0 + 60_001)).finished[0]!.delivered).toBe(false);
      const [next] = await store.claimRunnable({ now: T0 + 60_001, limit: 100, capacity: { g: 1 }, defaultCapacity: 0 });
      expect(next!.call).toMatchObject({ id: parent.id, function: "g", attempt: 1 });
      expect(next!.results).toEqual([]);
    });

    it("restarts a call from its input and cancels its open children", async () => {
      const child = newCall({ correlationId: 1n });
      const parent = await suspendedParent([child]);
      const run = await claimParent(T0 + 60_000);
      const outcome = await store.rescheduleCalls([{ kind: "restart", id: parent.id, attempt: run.call.attempt, readyAt: T0 + 60_000, cancelled: CANCELLED }], T0 + 60_000);
      expect(outcome.finished.map((f) => [f.id, f.status, f.delivered])).toEqual([[child.id, "cancelled", false]]);
      expect(await store.getCall(parent.id)).toMatchObject({ status: "queued", restarts: 1, generation: 1, step: 0 });
    });

    it("delivers an event to the oldest waiter, or keeps it for the first one", async () => {
      const w1 = newCall({ kind: "event", eventKey: "k", readyAt: undefined });
      const w2 = newCall({ kind: "event", eventKey: "k", readyAt: T0 + 100 });
      await store.insertCalls([w1, w2], T0);
      expect(await store.getCall(w1.id)).toMatchObject({ status: "waiting", eventKey: "k" });
      const sent = await store.sendEvent("k", bytes(42), T0 + 1);
      expect(sent.stored).toBe(false);
      expect(sent.finished).toEqual([{ id: w1.id, rootId: w1.id, function: "f", status: "succeeded", result: { output: bytes(42) }, delivered: false }]);
      expect((await store.getCall(w2.id))!.status).toBe("waiting");
      await store.sendEvent("k", bytes(43), T0 + 2);
      expect(await store.getCall(w2.id)).toMatchObject({ status: "succeeded", result: { output: bytes(43) } });
      expect((await store.getCall(w2.id))!.readyAt).toBeUndefined();
      expect((await store.sendEvent("k", bytes(44), T0 + 3)).stored).toBe(true);
      expect((await store.sendEvent("k", bytes(45), T0 + 4)).stored).toBe(true);
      const w3 = newCall({ kind: "event", eventKey: "k" });
      const w4 = newCall({ kind: "event", eventKey: "k" });
      const outcome = await store.insertCalls([w3, w4], T0 + 5);
      expect(outcome.finished.map((f) => [f.id, f.result])).toEqual([
        [w3.id, { output: bytes(44) }],
        [w4.id, { output: bytes(45) }],
      ]);
    });

    it("lets an event waiter time out through its ready time", async () => {
      const w = newCall({ kind: "event", eventKey: "k", readyAt: T0 + 100 });
      await store.insertCalls([w], T0);
      expect(await store.claimRunnable({ now: T0 + 99, ...claimAll })).toEqual([]);
      const [claimed] = await store.claimRunnable({ now: T0 + 100, ...claimAll });
      expect(claimed!.call).toMatchObject({ id: w.id, kind: "event", status: "running" });
      expect((await store.sendEvent("k", bytes(1), T0 + 101)).stored).toBe(true);
    });

    it("delivers a kept event to a waiter dispatched by a poll", async () => {
      await store.sendEvent("ev", bytes(5), T0);
      const waiter = newCall({ kind: "event", eventKey: "ev", correlationId: 1n, readyAt: undefined });
      const parent = await suspendedParent([waiter]);
      expect((await store.getCall(parent.id))!.readyAt).toBe(T0);
      const resume = await claimParent(T0);
      expect(resume.results).toEqual([{ childId: waiter.id, correlationId: 1n, result: { output: bytes(5) } }]);
    });

    it("requeues running calls after a crash", async () => {
      const call = newCall();
      await store.insertCalls([call], T0);
      await store.claimRunnable({ now: T0, ...claimAll });
      expect(await store.requeueRunning(T0 + 7)).toBe(1);
      expect(await store.getCall(call.id)).toMatchObject({ status: "queued", readyAt: T0 + 7, attempt: 1 });
      const [again] = await store.claimRunnable({ now: T0 + 7, ...claimAll });
      expect(again!.call.attempt).toBe(2);
    });

    it("reports the next ready time strictly after now", async () => {
      expect(await store.nextReadyAt(T0)).toBeUndefined();
      await store.insertCalls([newCall({ readyAt: T0 }), newCall({ readyAt: T0 + 50 }), newCall({ readyAt: T0 + 20 })], T0);
      expect(await store.nextReadyAt(T0)).toBe(T0 + 20);
      expect(await store.nextReadyAt(T0 + 20)).toBe(T0 + 50);
      expect(await store.nextReadyAt(T0 + 50)).toBeUndefined();
    });

    it("lists root calls newest first, by status", async () => {
      const a = newCall();
      const b = newCall();
      const c = newCall();
      await store.insertCalls([a, b, c], T0);
      await store.insertCalls([newCall({ parentId: a.id, rootId: a.id })], T0);
      await runAndComplete(b.id, T0);
      expect((await store.listCalls({ limit: 10 })).map((r) => r.id)).toEqual([c.id, b.id, a.id]);
      expect((await store.listCalls({ limit: 10, status: "succeeded" })).map((r) => r.id)).toEqual([b.id]);
      expect((await store.listCalls({ limit: 1 })).map((r) => r.id)).toEqual([c.id]);
      expect(await store.listCalls({ limit: 10, rootsOnly: false })).toHaveLength(4);
    });

    it("deletes finished calls and old events, freeing idempotency keys", async () => {
      const old = newCall({ idempotencyKey: "key" });
      const open = newCall();
      await store.insertCalls([old, open], T0);
      const [claimed] = await store.claimRunnable({ now: T0, limit: 1, capacity: {}, defaultCapacity: 1 });
      await store.completeCalls([{ id: claimed!.call.id, attempt: 1, status: "succeeded", result: OK }], T0 + 10);
      await store.sendEvent("a", bytes(1), T0);
      await store.sendEvent("b", bytes(2), T0 + 100);
      expect(await store.deleteFinished(T0 + 10, 100)).toBe(0);
      expect(await store.deleteFinished(T0 + 11, 100)).toBe(1);
      expect(await store.getCall(old.id)).toBeUndefined();
      expect(await store.getCall(open.id)).toBeDefined();
      expect(await store.deleteEvents(T0 + 50, 100)).toBe(1);
      expect((await store.sendEvent("b", bytes(3), T0)).stored).toBe(true);
      const again = newCall({ idempotencyKey: "key" });
      expect((await store.insertCalls([again], T0 + 20)).ids).toEqual([again.id]);
    });
  });
}
