// dispatch.reset(f, ...args): `return dispatch.reset(f, x)` from a
// dispatch.function ends it with a tail call (Exit.tail_call): the scheduler
// replaces the running call by a call to f(x) under the same dispatch id, so
// a long-running loop can restart itself with fresh, small state.
import type { DurableFunction } from "./function.js";
import { TailCall } from "../engine/tail-call.js";
import { descriptorOf } from "../engine/durable-body.js";
import { defaultRegistry } from "../engine/function-registry.js";

export function reset<A extends unknown[], R>(fn: DurableFunction<A, R> | ((...args: A) => Promise<R>), ...args: A): R {
  return new TailCall({ function: wireNameOf(fn) }, args) as unknown as R;
}

// Inside `dispatch.function(async function f() {...})` the name `f` is the body
// itself (JavaScript binds a function expression's name inside it): accept it.
function wireNameOf(fn: unknown): string {
  if (typeof fn === "function") {
    const wire = (fn as { wireName?: unknown }).wireName;
    if (typeof wire === "string") return wire;
    const d = descriptorOf(fn);
    const registered = d && defaultRegistry.byDescriptor(d.id);
    if (registered) return registered.name;
  }
  throw new TypeError("cannot dispatch.reset: the first argument must be a dispatch.function");
}
