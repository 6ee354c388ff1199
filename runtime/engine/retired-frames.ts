// DISPATCH_SUSPEND_EVERY_AWAIT: after a round trip through bytes, the old frame
// objects are retired. Activations still blocked in a native await find their
// successor here; anything else that touches a retired frame (a stale closure,
// a reference kept outside the state) throws with the frame's file and line.
import type { Frame } from "./frame.js";

const successors = new WeakMap<Frame, Frame>();

export function latestFrame(f: Frame): Frame {
  let next = successors.get(f);
  while (next !== undefined) {
    f = next;
    next = successors.get(f);
  }
  return f;
}

export function retireFrame(old: Frame, successor: Frame, where: string): void {
  successors.set(old, successor);
  for (const key of Object.keys(old)) delete old[key];
  Object.setPrototypeOf(old, poisonFor(where));
}

function poisonFor(where: string): object {
  const fail = (_t: object, key: string | symbol): never => {
    throw new Error(
      `cannot use a retired frame of ${where} (property ${String(key)}): ` +
        "it was replaced by its copy decoded from bytes; something kept a reference to the frame across a suspension",
    );
  };
  return new Proxy(Object.create(null), { get: fail, set: fail, has: fail, defineProperty: fail, deleteProperty: fail });
}
