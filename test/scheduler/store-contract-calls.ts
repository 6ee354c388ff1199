// Store contract: inserting, claiming, finishing, listing and deleting calls.
import { beforeEach, expect, it } from "vitest";
import type { Store } from "../../runtime/scheduler/store/types.js";
import { bytes, claimAll, contractHelpers, newCall, OK, T0 } from "./store-contract-helpers.js";

export function callContract(current: () => Store): void {
  let store: Store;
  let helpers: ReturnType<typeof contractHelpers>;
  beforeEach(() => {
    store = current();
    helpers = contractHelpers(store);
  });
  const runAndComplete: ReturnType<typeof contractHelpers>["runAndComplete"] = (...args) => helpers.runAndComplete(...args);

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

  it("counts every run of a call: attempt per step (a Poll resets it), runs over its whole life", async () => {
    const call = newCall();
    await store.insertCalls([call], T0);
    expect(await store.getCall(call.id)).toMatchObject({ attempt: 0, runs: 0 });
    const [first] = await store.claimRunnable({ now: T0, ...claimAll });
    await store.rescheduleCalls([{ kind: "retry", id: call.id, attempt: first!.call.attempt, readyAt: T0 + 1 }], T0);
    const [second] = await store.claimRunnable({ now: T0 + 1, ...claimAll });
    expect(second!.call).toMatchObject({ attempt: 2, runs: 2 });
    await store.recordPolls(
      [{ id: call.id, attempt: 2, state: bytes(1), stateTyped: false, minResults: 1, maxResults: 1, deadline: T0 + 5, children: [], cancel: [], cancelled: OK }],
      T0 + 2,
    );
    // Waiting: no run of its next step yet, two runs so far.
    expect(await store.getCall(call.id)).toMatchObject({ status: "waiting", attempt: 0, step: 1, runs: 2 });
    const [resume] = await store.claimRunnable({ now: T0 + 5, ...claimAll });
    expect(resume!.call).toMatchObject({ attempt: 1, runs: 3 });
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
}
