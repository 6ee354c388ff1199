// Shared pieces of the store contract suite: a call factory and the moves most tests start with.
import { expect } from "vitest";
import type { NewCall, ResultData, Store } from "../../runtime/scheduler/store/types.js";

export const T0 = 1_700_000_000_000;
export const bytes = (...values: number[]) => new Uint8Array(values);
export const OK: ResultData = { output: bytes(1) };
export const CANCELLED: ResultData = { error: bytes(9) };
export const claimAll = { limit: 100, capacity: {}, defaultCapacity: 100 };

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

export function contractHelpers(store: Store) {
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

  /** Claims one call alone (its function gets all the capacity). */
  async function claimAlone(id: string, now: number) {
    const fn = (await store.getCall(id))!.function;
    const claimed = await store.claimRunnable({ now, limit: 100, capacity: { [fn]: 100 }, defaultCapacity: 0 });
    const found = claimed.find((c) => c.call.id === id);
    expect(found, `${id} is claimed`).toBeDefined();
    return found!;
  }

  /** Claims one call alone (its function gets all the capacity) and completes it. */
  async function runAndComplete(id: string, now: number, result: ResultData = OK) {
    const { call } = await claimAlone(id, now);
    return store.completeCalls([{ id, attempt: call.attempt, status: "succeeded", result }], now);
  }

  /** Claims the parent of a test alone (roots run "f"; children get their own functions). */
  async function claimParent(now: number) {
    const claimed = await store.claimRunnable({ now, limit: 100, capacity: { f: 100 }, defaultCapacity: 0 });
    expect(claimed).toHaveLength(1);
    return claimed[0]!;
  }
  return { suspendedParent, runAndComplete, claimParent, claimAlone };
}
