// Store contract: suspending, resuming, cancelling and replacing calls.
import { beforeEach, expect, it } from "vitest";
import type { Store } from "../../runtime/scheduler/store/types.js";
import { bytes, CANCELLED, claimAll, contractHelpers, newCall, OK, T0 } from "./store-contract-helpers.js";

export function pollContract(current: () => Store): void {
  let store: Store;
  let helpers: ReturnType<typeof contractHelpers>;
  beforeEach(() => {
    store = current();
    helpers = contractHelpers(store);
  });
  const suspendedParent: ReturnType<typeof contractHelpers>["suspendedParent"] = (...args) => helpers.suspendedParent(...args);
  const runAndComplete: ReturnType<typeof contractHelpers>["runAndComplete"] = (...args) => helpers.runAndComplete(...args);
  const claimParent: ReturnType<typeof contractHelpers>["claimParent"] = (...args) => helpers.claimParent(...args);

  it("keeps uint64 correlation ids exactly", async () => {
    const parent = await suspendedParent([newCall({ correlationId: 2n ** 64n - 1n })]);
    const [child] = await store.listCalls({ parentId: parent.id, rootsOnly: false, limit: 10 });
    expect(child!.correlationId).toBe(2n ** 64n - 1n);
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

  it("writes outcomes of several kinds and claims what they made runnable, in one operation", async () => {
    const child = newCall({ correlationId: 1n });
    const parent = await suspendedParent([child], { min: 1 });
    const other = newCall();
    await store.insertCalls([other], T0);
    const claimed = await store.claimRunnable({ now: T0 + 1, ...claimAll });
    const running = (id: string) => claimed.find((c) => c.call.id === id)!.call;
    expect(claimed.map((c) => c.call.id).sort()).toEqual([child.id, other.id].sort());
    const grandchild = newCall({ correlationId: 5n });
    const out = await store.writeOutcomes(
      {
        completions: [
          { id: child.id, attempt: running(child.id).attempt, status: "succeeded", result: OK },
          { id: child.id, attempt: 99, status: "succeeded", result: OK },
        ],
        polls: [
          {
            id: other.id,
            attempt: running(other.id).attempt,
            state: bytes(3),
            stateTyped: false,
            minResults: 1,
            maxResults: 10,
            deadline: T0 + 60_000,
            children: [{ ...grandchild, rootId: other.id, parentId: other.id }],
            cancel: [],
            cancelled: CANCELLED,
          },
        ],
        reschedules: [],
        claim: { now: T0 + 2, ...claimAll },
      },
      T0 + 2,
    );
    expect(out.completed.applied).toEqual([true, false]);
    expect(out.completed.finished).toMatchObject([{ id: child.id, parentId: parent.id, delivered: true }]);
    expect(out.polled.applied).toEqual([true]);
    expect(out.rescheduled).toEqual({ applied: [], finished: [] });
    // The parent got its result and the poll's child was inserted: the claim sees both.
    expect(out.claimed.map((c) => c.call.id).sort()).toEqual([parent.id, grandchild.id].sort());
    const resume = out.claimed.find((c) => c.call.id === parent.id)!;
    expect(resume.call).toMatchObject({ status: "running", attempt: 1 });
    expect(resume.results.map((r) => [r.childId, r.correlationId, r.result])).toEqual([[child.id, 1n, OK]]);
    expect(await store.getCall(other.id)).toMatchObject({ status: "waiting", step: 1 });
    expect(await store.getCall(grandchild.id)).toMatchObject({ status: "running", attempt: 1 });
    // Without a claim request nothing is claimed.
    const none = await store.writeOutcomes({ completions: [], polls: [], reschedules: [] }, T0 + 3);
    expect(none.claimed).toEqual([]);
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

  it("cancels polled children detached and drops their results; a running loser ends cancelled at its Exit", async () => {
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
    // The running loser is marked, not stopped: its answer decides (see cancelCalls).
    expect(outcome.finished).toEqual([]);
    expect(await store.getCall(drop.id)).toMatchObject({ status: "running", cancelling: "requested", detached: true });
    // Its Exit ends it cancelled, with the calls it left open, and delivers nothing to the parent.
    const late = await store.completeCalls([{ id: drop.id, attempt: dropRun!.call.attempt, status: "succeeded", result: OK, cancelled: CANCELLED }], T0 + 60_001);
    expect(late.applied).toEqual([true]);
    expect(late.finished.map((f) => [f.id, f.status, f.delivered]).sort()).toEqual(
      [
        [drop.id, "cancelled", false],
        [grandchild.id, "cancelled", false],
      ].sort(),
    );
    expect(await store.getCall(grandchild.id)).toMatchObject({ status: "cancelled", result: CANCELLED });
    const dropped = await store.getCall(drop.id);
    expect(dropped).toMatchObject({ status: "cancelled", result: CANCELLED });
    expect(dropped!.detached).toBeUndefined();
    expect((await store.getCall(keep.id))!.status).not.toBe("cancelled");
    await runAndComplete(keep.id, T0 + 60_002);
    const next = await claimParent(T0 + 60_002);
    expect(next.results.map((r) => r.correlationId)).toEqual([1n]);
  });

  it("cancels the children an Exit names (never started: at once, with their subtrees) as the call finishes", async () => {
    const winner = newCall({ correlationId: 1n });
    const loser = newCall({ correlationId: 2n });
    const parent = await suspendedParent([winner, loser], { min: 1 });
    const grandchild = newCall({ rootId: parent.id, parentId: loser.id, correlationId: 1n, function: "g" });
    await store.insertCalls([grandchild], T0);
    await runAndComplete(winner.id, T0 + 1);
    const resume = await claimParent(T0 + 1);
    const outcome = await store.completeCalls(
      [{ id: parent.id, attempt: resume.call.attempt, status: "succeeded", result: OK, cancel: [2n, 9n], cancelled: CANCELLED }],
      T0 + 2,
    );
    expect(outcome.applied).toEqual([true]);
    expect(outcome.finished.map((f) => [f.id, f.status, f.delivered]).sort()).toEqual(
      [
        [parent.id, "succeeded", false],
        [loser.id, "cancelled", false],
        [grandchild.id, "cancelled", false],
      ].sort(),
    );
    expect(await store.getCall(loser.id)).toMatchObject({ status: "cancelled", result: CANCELLED });
    expect((await store.getCall(winner.id))!.status).toBe("succeeded");
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
}
