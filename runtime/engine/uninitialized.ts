// The temporal dead zone of let, const and class bindings that live in
// frames. Such a field holds UNINITIALIZED from the entry of its scope until
// its declaration runs, and the reads that the compiler cannot prove to come
// after the declaration go through `live`, which throws V8's ReferenceError.
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
