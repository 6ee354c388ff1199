// Closures declared in durable bodies, lifted by the compiler: each is made by
// a factory of its function's descriptor from the frame it captures
// (`$rt.closure($f, $d3, 0)`), so that state can hold it as data (which
// factory, which frame) and a resume makes it again around the decoded frame.
// The link from a function to its origin is a private-field stamp, like the
// engine's awaitables: reading it never runs user code.
import type { Frame, FunctionDescriptor } from "./frame.js";

export interface ClosureOrigin {
  readonly desc: FunctionDescriptor;
  readonly index: number;
  readonly frame: Frame;
}

class Identity {
  constructor(o: object) {
    return o;
  }
}

class ClosureStamp extends Identity {
  #origin: ClosureOrigin;

  constructor(fn: object, origin: ClosureOrigin) {
    super(fn);
    this.#origin = origin;
  }

  static get(o: object): ClosureOrigin | undefined {
    return #origin in o ? o.#origin : undefined;
  }
}

export type ClosureFactory = (frame: Frame) => Function;

export function closure(frame: Frame, desc: FunctionDescriptor, index: number): Function {
  const factory = desc.meta.closures?.[index];
  if (factory === undefined) throw new Error(`dispatch-ts bug: ${desc.id} has no closure #${index}`);
  const fn = factory(frame);
  new ClosureStamp(fn, { desc, index, frame });
  return fn;
}

export function closureOrigin(fn: object): ClosureOrigin | undefined {
  return ClosureStamp.get(fn);
}
