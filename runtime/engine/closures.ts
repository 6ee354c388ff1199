// Closures declared in durable bodies, lifted by the compiler: each is made by
// a factory of its function's descriptor from the frame it captures
// (`$rt.closure($f, $d3, 0)`), so that state can hold it as data (which
// factory, which frame) and a resume makes it again around the decoded frame.
// A closure that captures per-iteration bindings also gets the environment
// objects of the loop entries that created it (`$rt.closure($f, $d3, 0, $f.$e0)`,
// or an array of them): the frame field is reassigned on the next entry, so the
// closure must keep the object, and state must write it with the closure.
// The link from a function to its origin is a private-field stamp, like the
// engine's awaitables: reading it never runs user code.
import type { Frame, FunctionDescriptor } from "./frame.js";

export interface ClosureOrigin {
  readonly desc: FunctionDescriptor;
  readonly index: number;
  /** The frame it captures; null for a class-field arrow, whose environment is its `this`. */
  readonly frame: Frame | null;
  /** The captured environment (an object, or an array of them), undefined when none. */
  readonly env: unknown;
}

// The stamp's base returns its argument, so the stamp's fields land on the function. It is a
// derived class that never reaches `super()`: a base class would first allocate a receiver of
// its own (thrown away at once), one object more per closure created.
class Nothing {}
class Identity extends Nothing {
  constructor(o: object) {
    if (o !== null) return o;
    super();
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

export type ClosureFactory = (frame: Frame | null, env?: unknown) => Function;

export function closure(frame: Frame | null, desc: FunctionDescriptor, index: number, env?: unknown): Function {
  const factory = desc.meta.closures?.[index];
  if (factory === undefined) throw new Error(`dispatch-ts bug: ${desc.id} has no closure #${index}`);
  // The descriptor's type (frame.ts) predates environments: a factory without one ignores the argument.
  const fn = (factory as ClosureFactory)(frame, env);
  new ClosureStamp(fn, { desc, index, frame, env });
  return fn;
}

/**
 * A closure that state can reach again before the factory could make it: a
 * class-field arrow, whose environment is its instance, which holds the arrow;
 * or a closure whose frame leads back to it (a helper's finished kernel whose
 * result is the closure). Decoding registers this stand-in and lets it call the
 * made closure: the same name, length, prototype and `this`, not constructible,
 * and written into state as the closure it stands for.
 */
export function forwardingClosure(): { fn: Function; bind(made: Function): void } {
  let target: Function | undefined;
  const name = "forward";
  const holder = {
    [name](this: unknown, ...args: unknown[]): unknown {
      return Reflect.apply(target!, this, args);
    },
  };
  const fn = holder[name] as Function;
  return {
    fn,
    bind(made: Function): void {
      target = made;
      Object.defineProperty(fn, "name", { value: made.name, configurable: true });
      Object.defineProperty(fn, "length", { value: made.length, configurable: true });
      Object.setPrototypeOf(fn, Object.getPrototypeOf(made));
      new ClosureStamp(fn, ClosureStamp.get(made)!);
    },
  };
}

export function closureOrigin(fn: object): ClosureOrigin | undefined {
  return ClosureStamp.get(fn);
}
