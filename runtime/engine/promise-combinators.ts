// Promise.all/allSettled/any/race as lowered inside durable bodies (DESIGN
// decision 5): over ordinary values they ARE the native functions (same
// results, same ticks); when an item is a durable call or a durable helper's
// promise, the result is a directive the engine can serialize, whose promise
// combines the in-process items natively, so results match native ones.
import { awaitables } from "./awaitables.js";
import { Directive, type DirectiveKind } from "./directive.js";
import { settings, testModeHooks } from "./settings.js";

type Kind = "all" | "allSettled" | "any" | "race";

function lowered(kind: Kind, native: (items: unknown[]) => Promise<unknown>) {
  return function (this: unknown, iterable: unknown): Promise<unknown> {
    // Not iterable: the native function itself rejects, with its own message.
    if (iterable === null || iterable === undefined || typeof (iterable as Iterable<unknown>)[Symbol.iterator] !== "function") return native.call(Promise, iterable as unknown[]);
    let items: unknown[];
    try {
      items = [...(iterable as Iterable<unknown>)];
    } catch (e) {
      return Promise.reject(e);
    }
    if (!items.some(isDurable)) {
      const p = native.call(Promise, items);
      if (settings.suspendEveryAwait) testModeHooks.combined(p, kind, items);
      return p;
    }
    const d = new Directive(kind as DirectiveKind, items);
    const p = d.inProcess();
    awaitables.set(p, d);
    return p;
  };
}

function isDurable(item: unknown): boolean {
  return ((typeof item === "object" && item !== null) || typeof item === "function") && awaitables.has(item as object);
}

export const promiseAll = lowered("all", Promise.all);
export const promiseAllSettled = lowered("allSettled", Promise.allSettled);
export const promiseAny = lowered("any", Promise.any);
export const promiseRace = lowered("race", Promise.race);
