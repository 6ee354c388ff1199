// The temporal dead zone of let, const and class bindings that live in
// frames or native environments. Such a field holds UNINITIALIZED from the
// entry of its scope until its declaration runs, and the reads and writes that
// the compiler cannot prove to come after the declaration go through `live` /
// `liveWrite` / `deadZoneTarget`, which throw V8's ReferenceError.
// Ordinary reads are not checked. The sentinel is registered, so a suspended
// frame keeps it as a reference.
import { registerValue } from "./runtime-refs.js";

export const UNINITIALIZED: object = Object.freeze(Object.create(null) as object);
registerValue("dispatch-ts:uninitialized", UNINITIALIZED);

/** A checked read of a frame binding. */
export function live<T>(value: T, name: string): T {
  if (value === UNINITIALIZED) throw new ReferenceError(`Cannot access '${name}' before initialization`);
  return value;
}

/** The value of a checked write `x = value`: the binding is checked after the value was evaluated, as natively. */
export function liveWrite<T>(value: T, current: unknown, name: string): T {
  if (current === UNINITIALIZED) throw new ReferenceError(`Cannot access '${name}' before initialization`);
  return value;
}

/**
 * The store target of a write through a destructuring pattern or a for-in/of
 * head (`[x] = a`, `for (x of a)`) whose binding may be in its dead zone: the
 * compiler writes `deadZoneTarget($f, "x", "x").value`, so the check runs at
 * the store, after the value was read from the source, as natively.
 */
export function deadZoneTarget(holder: Record<string, unknown>, key: string, name: string): { value: unknown } {
  return {
    set value(v: unknown) {
      if (holder[key] === UNINITIALIZED) throw new ReferenceError(`Cannot access '${name}' before initialization`);
      holder[key] = v;
    },
  };
}
