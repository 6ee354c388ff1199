// Store contract: children a coroutine cancels itself (losers of any/race named by a Poll or an
// Exit, open children of a restarted coroutine) are cancelled with compensation, detached: a
// suspended loser is resumed with a CancelledError per outstanding child so that its catch/finally
// run, and whatever it ends with goes nowhere, since its parent no longer waits on it.
import { beforeEach, expect, it } from "vitest";
import type { NewCall, Store } from "../../runtime/scheduler/store/types.js";
import { bytes, CANCELLED, contractHelpers, newCall, OK, T0 } from "./store-contract-helpers.js";

export function loserContract(current: () => Store): void {
  let store: Store;
  let helpers: ReturnType<typeof contractHelpers>;
  beforeEach(() => {
    store = current();
    helpers = contractHelpers(store);
  });

  const claim = (id: string, now: number) => helpers.claimAlone(id, now);

  /** The claimed run of `id` suspends, dispatching `children` (and cancelling `cancel`). */
  async function poll(id: string, attempt: number, now: number, children: NewCall[], cancel: bigint[] = []) {
    const row = (await store.getCall(id))!;
    const outcome = await store.recordPolls(
      [
        {
          id,
          attempt,
          state: bytes(5),
          stateTyped: false,
          minResults: 1,
          maxResults: 10,
          deadline: now + 60_000,
          children: children.map((c) => ({ ...c, rootId: row.rootId, parentId: id })),
          cancel,
          cancelled: CANCELLED,
        },
      ],
      now,
    );
    expect(outcome.applied).toEqual([true]);
    return outcome;
  }

  const exit = (id: string, attempt: number, now: number, cancel?: bigint[]) =>
    store.completeCalls([{ id, attempt, status: "succeeded", result: OK, ...(cancel ? { cancel } : {}), cancelled: CANCELLED }], now);
  const summary = (finished: readonly { id: string; status: string; delivered: boolean }[]) => finished.map((f) => [f.id, f.status, f.delivered]).sort();
  /** The parent of a test is the only call of function "f": claims it if it is due. */
  const parentDue = async (now: number) => (await store.claimRunnable({ now, limit: 100, capacity: { f: 100 }, defaultCapacity: 0 })).length > 0;

  it("a suspended loser named by a Poll compensates on its own and its end goes nowhere", async () => {
    const winner = newCall({ correlationId: 1n });
    const loser = newCall({ correlationId: 2n });
    const parent = await helpers.suspendedParent([winner, loser], { min: 1 });
    const loserRun = await claim(loser.id, T0 + 1);
    const asleep = newCall({ correlationId: 1n, function: "asleep", readyAt: T0 + 1e9 });
    await poll(loser.id, loserRun.call.attempt, T0 + 1, [asleep]);
    await helpers.runAndComplete(winner.id, T0 + 2);

    // The race is decided: the parent goes on with a new call and drops the loser.
    const resume = await helpers.claimParent(T0 + 3);
    const next = newCall({ correlationId: 3n, function: "next", readyAt: T0 + 1e9 });
    const outcome = await poll(parent.id, resume.call.attempt, T0 + 3, [next], [2n]);
    expect(summary(outcome.finished)).toEqual([[asleep.id, "cancelled", false]]);
    expect(await store.getCall(loser.id)).toMatchObject({ status: "waiting", cancelling: "compensating", detached: true, readyAt: T0 + 3 });
    // What dispatch.run waits for before it returns: the compensations under way in a root's tree.
    const compensating = () => store.listCalls({ rootId: parent.id, cancelling: true, rootsOnly: false, limit: 10 });
    expect((await compensating()).map((c) => c.id)).toEqual([loser.id]);

    // Its catch/finally runs: a CancelledError for what it waited on; its compensation is a call.
    const compensation = await claim(loser.id, T0 + 3);
    expect(compensation.results.map((r) => [r.correlationId, r.result])).toEqual([[1n, CANCELLED]]);
    const undo = newCall({ correlationId: 2n, function: "undo" });
    await poll(loser.id, compensation.call.attempt, T0 + 4, [undo]);
    expect((await store.getCall(undo.id))!.status).toBe("queued");
    await helpers.runAndComplete(undo.id, T0 + 5);
    const after = await claim(loser.id, T0 + 5);
    expect(after.results.map((r) => [r.correlationId, r.result])).toEqual([[2n, OK]]);
    const end = await exit(loser.id, after.call.attempt, T0 + 6);
    expect(summary(end.finished)).toEqual([[loser.id, "cancelled", false]]);
    expect(await store.getCall(loser.id)).toMatchObject({ status: "cancelled", result: CANCELLED });
    expect(await compensating()).toEqual([]);

    // The parent heard nothing of it: it still waits on `next` alone.
    expect(await parentDue(T0 + 7)).toBe(false);
    expect(await store.getCall(parent.id)).toMatchObject({ status: "waiting" });
    expect((await store.getCall(parent.id))!.cancelling).toBeUndefined();
  });

  it("a suspended loser named by an Exit compensates after its parent finished", async () => {
    const winner = newCall({ correlationId: 1n });
    const loser = newCall({ correlationId: 2n });
    const parent = await helpers.suspendedParent([winner, loser], { min: 1 });
    const loserRun = await claim(loser.id, T0 + 1);
    const asleep = newCall({ correlationId: 1n, function: "asleep", readyAt: T0 + 1e9 });
    await poll(loser.id, loserRun.call.attempt, T0 + 1, [asleep]);
    await helpers.runAndComplete(winner.id, T0 + 2);
    const resume = await helpers.claimParent(T0 + 3);
    const outcome = await exit(parent.id, resume.call.attempt, T0 + 3, [2n]);
    expect(summary(outcome.finished)).toEqual(
      [
        [parent.id, "succeeded", false],
        [asleep.id, "cancelled", false],
      ].sort(),
    );
    expect(await store.getCall(loser.id)).toMatchObject({ status: "waiting", cancelling: "compensating", detached: true });
    const compensation = await claim(loser.id, T0 + 3);
    expect(compensation.results.map((r) => [r.correlationId, r.result])).toEqual([[1n, CANCELLED]]);
    const end = await exit(loser.id, compensation.call.attempt, T0 + 4);
    expect(summary(end.finished)).toEqual([[loser.id, "cancelled", false]]);
  });

  it("a call cancelled from outside, then dropped by its parent, no longer delivers to it", async () => {
    const a = newCall({ correlationId: 1n });
    const b = newCall({ correlationId: 2n });
    const parent = await helpers.suspendedParent([a, b], { min: 1 });
    const aRun = await claim(a.id, T0 + 1);
    await poll(a.id, aRun.call.attempt, T0 + 1, [newCall({ correlationId: 1n, function: "asleep", readyAt: T0 + 1e9 })]);
    await store.cancelCalls([a.id], CANCELLED, T0 + 2);
    expect(await store.getCall(a.id)).toMatchObject({ cancelling: "compensating" });
    expect((await store.getCall(a.id))!.detached).toBeUndefined();

    // b wins first; the parent drops a while a compensates.
    await helpers.runAndComplete(b.id, T0 + 3);
    const resume = await helpers.claimParent(T0 + 3);
    expect(resume.results.map((r) => r.correlationId)).toEqual([2n]);
    await poll(parent.id, resume.call.attempt, T0 + 4, [newCall({ correlationId: 3n, function: "next", readyAt: T0 + 1e9 })], [1n]);
    expect(await store.getCall(a.id)).toMatchObject({ cancelling: "compensating", detached: true });

    const compensation = await claim(a.id, T0 + 4);
    const end = await exit(a.id, compensation.call.attempt, T0 + 5);
    expect(summary(end.finished)).toEqual([[a.id, "cancelled", false]]);
    expect(await parentDue(T0 + 6)).toBe(false);
  });

  it("a second cancel stops a compensating loser at once; still nothing reaches its parent", async () => {
    const winner = newCall({ correlationId: 1n });
    const loser = newCall({ correlationId: 2n });
    const parent = await helpers.suspendedParent([winner, loser], { min: 1 });
    const loserRun = await claim(loser.id, T0 + 1);
    await poll(loser.id, loserRun.call.attempt, T0 + 1, [newCall({ correlationId: 1n, function: "asleep", readyAt: T0 + 1e9 })]);
    await helpers.runAndComplete(winner.id, T0 + 2);
    const resume = await helpers.claimParent(T0 + 3);
    await poll(parent.id, resume.call.attempt, T0 + 3, [newCall({ correlationId: 3n, function: "next", readyAt: T0 + 1e9 })], [2n]);
    const stopped = await store.cancelCalls([loser.id], CANCELLED, T0 + 4);
    expect(stopped.applied).toEqual([true]);
    expect(summary(stopped.finished)).toEqual([[loser.id, "cancelled", false]]);
    expect(await parentDue(T0 + 5)).toBe(false);
  });

  it("a restart compensates the old coroutine's suspended children, detached", async () => {
    const child = newCall({ correlationId: 1n });
    const parent = await helpers.suspendedParent([child]);
    const childRun = await claim(child.id, T0 + 1);
    await poll(child.id, childRun.call.attempt, T0 + 1, [newCall({ correlationId: 1n, function: "asleep", readyAt: T0 + 1e9 })]);
    // The parent is resumed at its deadline and restarted (INCOMPATIBLE_STATE).
    const resume = await helpers.claimParent(T0 + 60_000);
    const restarted = await store.rescheduleCalls([{ kind: "restart", id: parent.id, attempt: resume.call.attempt, readyAt: T0 + 60_000, cancelled: CANCELLED }], T0 + 60_000);
    expect(restarted.applied).toEqual([true]);
    expect(await store.getCall(child.id)).toMatchObject({ status: "waiting", cancelling: "compensating", detached: true });
    const compensation = await claim(child.id, T0 + 60_000);
    expect(compensation.results.map((r) => [r.correlationId, r.result])).toEqual([[1n, CANCELLED]]);
    const end = await exit(child.id, compensation.call.attempt, T0 + 60_001);
    expect(summary(end.finished)).toEqual([[child.id, "cancelled", false]]);
  });
}
