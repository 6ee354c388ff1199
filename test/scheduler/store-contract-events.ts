// Store contract: events and their waiters.
import { beforeEach, expect, it } from "vitest";
import type { Store } from "../../runtime/scheduler/store/types.js";
import { bytes, claimAll, contractHelpers, newCall, T0 } from "./store-contract-helpers.js";

export function eventContract(current: () => Store): void {
  let store: Store;
  let helpers: ReturnType<typeof contractHelpers>;
  beforeEach(() => {
    store = current();
    helpers = contractHelpers(store);
  });
  const suspendedParent: ReturnType<typeof contractHelpers>["suspendedParent"] = (...args) => helpers.suspendedParent(...args);
  const claimParent: ReturnType<typeof contractHelpers>["claimParent"] = (...args) => helpers.claimParent(...args);

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
}
