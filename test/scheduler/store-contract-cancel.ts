// Store contract: cancellation with compensation. A suspended call is resumed with a
// CancelledError per outstanding child, a running one at its next Poll; either ends cancelled.
import { beforeEach, expect, it } from "vitest";
import type { Store } from "../../runtime/scheduler/store/types.js";
import { bytes, CANCELLED, claimAll, contractHelpers, newCall, OK, T0 } from "./store-contract-helpers.js";

export function cancelContract(current: () => Store): void {
  let store: Store;
  let helpers: ReturnType<typeof contractHelpers>;
  beforeEach(() => {
    store = current();
    helpers = contractHelpers(store);
  });

  const claim = (id: string, now: number) => helpers.claimAlone(id, now);

  async function suspend(id: string, now: number, children: ReturnType<typeof newCall>[], attempt?: number) {
    const run = attempt === undefined ? (await claim(id, now)).call.attempt : attempt;
    const row = (await store.getCall(id))!;
    return store.recordPolls(
      [
        {
          id,
          attempt: run,
          state: bytes(5),
          stateTyped: false,
          minResults: 1,
          maxResults: 10,
          deadline: now + 60_000,
          children: children.map((c) => ({ ...c, rootId: row.rootId, parentId: id })),
          cancel: [],
          cancelled: CANCELLED,
        },
      ],
      now,
    );
  }

  const sorted = (entries: readonly { correlationId: bigint; result: unknown }[]) =>
    [...entries].sort((a, b) => Number(a.correlationId - b.correlationId)).map((e) => [e.correlationId, e.result]);

  it("resumes a suspended call with a CancelledError per outstanding child; its subtree is treated alike", async () => {
    const queued = newCall({ correlationId: 1n, function: "q" });
    const nested = newCall({ correlationId: 2n, function: "n" });
    const done = newCall({ correlationId: 3n, function: "d" });
    const parent = await helpers.suspendedParent([queued, nested, done], { min: 3 });
    const grandchild = newCall({ correlationId: 1n, function: "g" });
    await suspend(nested.id, T0 + 1, [grandchild]);
    await helpers.runAndComplete(done.id, T0 + 2);

    const outcome = await store.cancelCalls([parent.id], CANCELLED, T0 + 5);
    expect(outcome.applied).toEqual([true]);
    // Calls that never started are cancelled at once, without delivering: their parents get the
    // CancelledError through compensation instead.
    expect(outcome.finished.map((f) => [f.id, f.status, f.delivered]).sort()).toEqual(
      [
        [queued.id, "cancelled", false],
        [grandchild.id, "cancelled", false],
      ].sort(),
    );
    expect(await store.getCall(parent.id)).toMatchObject({ status: "waiting", cancelling: "compensating", readyAt: T0 + 5 });
    expect(await store.getCall(nested.id)).toMatchObject({ status: "waiting", cancelling: "compensating", readyAt: T0 + 5 });

    const resume = await helpers.claimParent(T0 + 5);
    expect(sorted(resume.results)).toEqual([
      [1n, CANCELLED],
      [2n, CANCELLED],
      [3n, OK],
    ]);
    const nestedResume = await claim(nested.id, T0 + 5);
    expect(sorted(nestedResume.results)).toEqual([[1n, CANCELLED]]);

    // A compensating child ends cancelled, and does not deliver again to its compensating parent.
    const child = await store.completeCalls([{ id: nested.id, attempt: nestedResume.call.attempt, status: "succeeded", result: OK, cancelled: CANCELLED }], T0 + 6);
    expect(child.finished.map((f) => [f.id, f.status, f.delivered])).toEqual([[nested.id, "cancelled", false]]);
    const end = await store.completeCalls([{ id: parent.id, attempt: resume.call.attempt, status: "failed", result: OK, cancelled: CANCELLED }], T0 + 7);
    expect(end.finished.map((f) => [f.id, f.status])).toEqual([[parent.id, "cancelled"]]);
    const record = await store.getCall(parent.id);
    expect(record).toMatchObject({ status: "cancelled", result: CANCELLED });
    expect(record!.cancelling).toBeUndefined();
  });

  it("lets a compensating call run its compensations; a second cancel stops it and them at once", async () => {
    const child = newCall({ correlationId: 1n, function: "c" });
    const parent = await helpers.suspendedParent([child]);
    await suspend(child.id, T0 + 1, [newCall({ correlationId: 1n, function: "s" })]);
    await store.cancelCalls([child.id], CANCELLED, T0 + 2);
    expect((await store.getCall(child.id))!.cancelling).toBe("compensating");
    // Its compensation dispatches a call, which runs as usual.
    const undo = newCall({ correlationId: 2n, function: "undo" });
    const resume = await claim(child.id, T0 + 2);
    await suspend(child.id, T0 + 3, [undo], resume.call.attempt);
    expect((await store.getCall(undo.id))!.status).toBe("queued");
    expect((await store.getCall(child.id))!.cancelling).toBe("compensating");

    const second = await store.cancelCalls([child.id], CANCELLED, T0 + 4);
    expect(second.applied).toEqual([true]);
    expect(second.finished.map((f) => [f.id, f.status, f.delivered]).sort()).toEqual(
      [
        [child.id, "cancelled", true],
        [undo.id, "cancelled", false],
      ].sort(),
    );
    // Its parent was not being cancelled: it gets the CancelledError as a result.
    const parentResume = await helpers.claimParent(T0 + 4);
    expect(parentResume.call.id).toBe(parent.id);
    expect(sorted(parentResume.results)).toEqual([[1n, CANCELLED]]);
  });

  it("marks a running call; its next Poll compensates (also after a restart), its Exit ends cancelled", async () => {
    const x = newCall({ function: "x" });
    const y = newCall({ function: "y" });
    await store.insertCalls([x, y], T0);
    const runX = await claim(x.id, T0);
    const runY = await claim(y.id, T0);
    const marked = await store.cancelCalls([x.id, y.id], CANCELLED, T0 + 1);
    expect(marked).toEqual({ applied: [true, true], finished: [] });
    expect(await store.getCall(x.id)).toMatchObject({ status: "running", cancelling: "requested" });

    // The process died: the mark survives, the retried run is still being cancelled.
    expect(await store.requeueRunning(T0 + 2)).toBe(2);
    expect(await store.getCall(x.id)).toMatchObject({ status: "queued", cancelling: "requested" });
    const again = await claim(x.id, T0 + 2);
    expect(again.call.attempt).toBe(runX.call.attempt + 1);
    const fresh = newCall({ correlationId: 1n, function: "fresh" });
    const polled = await suspend(x.id, T0 + 3, [fresh], again.call.attempt);
    expect(polled.finished.map((f) => [f.id, f.status, f.delivered])).toEqual([[fresh.id, "cancelled", false]]);
    expect(await store.getCall(x.id)).toMatchObject({ status: "waiting", cancelling: "compensating", readyAt: T0 + 3 });
    expect(sorted((await claim(x.id, T0 + 3)).results)).toEqual([[1n, CANCELLED]]);

    const yAgain = await claim(y.id, T0 + 2);
    expect(yAgain.call.attempt).toBe(runY.call.attempt + 1);
    const exited = await store.completeCalls([{ id: y.id, attempt: yAgain.call.attempt, status: "succeeded", result: OK, cancelled: CANCELLED }], T0 + 4);
    expect(exited.finished.map((f) => [f.id, f.status])).toEqual([[y.id, "cancelled"]]);
    expect(await store.getCall(y.id)).toMatchObject({ status: "cancelled", result: CANCELLED });
  });

  it("cancels timers and queued calls at once, as before", async () => {
    const call = newCall({ function: "later", readyAt: T0 + 1e6 });
    await store.insertCalls([call], T0);
    const outcome = await store.cancelCalls([call.id], CANCELLED, T0 + 1);
    expect(outcome.finished.map((f) => [f.id, f.status])).toEqual([[call.id, "cancelled"]]);
    expect(await store.claimRunnable({ now: T0 + 2e6, ...claimAll })).toEqual([]);
  });
}
