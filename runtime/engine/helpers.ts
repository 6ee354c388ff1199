// Durable helpers are async functions that run on their caller's tree. The
// public function is a thin wrapper around the generated body so that the
// engine learns the promise of each activation: a frame that holds or awaits
// that promise can then be serialized as a reference to the helper's frame.
// The wrapper is a method (not constructible, no prototype) whose prototype is
// AsyncFunction.prototype, with the body's name and length, and it adds no
// microtask tick: it returns the body's own promise.
import type { FunctionDescriptor } from "./frame.js";
import { context } from "./context.js";
import { Kernel } from "./kernel.js";
import { awaitables } from "./awaitables.js";

type AsyncBody = (...args: unknown[]) => Promise<unknown>;

export function helper(d: FunctionDescriptor, body: AsyncBody, inferredName?: string): AsyncBody {
  d.impl = body;
  const name = inferredName ?? body.name;
  const holder = {
    [name](this: unknown): Promise<unknown> {
      const k = new Kernel(d);
      k.via = wrapper;
      context.nextKernel = k;
      // eslint-disable-next-line prefer-rest-params
      const p = body.apply(this, arguments as unknown as unknown[]);
      context.nextKernel = null;
      k.promise = p;
      awaitables.setNew(p, k); // the body's promise is new
      return p;
    },
  };
  const wrapper = holder[name] as AsyncBody;
  Object.defineProperty(wrapper, "length", { value: body.length, configurable: true });
  Object.setPrototypeOf(wrapper, Object.getPrototypeOf(body));
  helpers.set(wrapper, d);
  bodies.set(wrapper, body);
  return wrapper;
}

/**
 * A durable async method of a class declaration, wrapped in place like a helper: its promises are
 * known to the engine and its body is registered for resuming. The original method stays the body,
 * so `super` and `this` work as written; the property keeps its attributes.
 */
export function methodHelper(target: object, key: string, d: FunctionDescriptor): void {
  const desc = Object.getOwnPropertyDescriptor(target, key);
  if (desc === undefined || typeof desc.value !== "function") return;
  Object.defineProperty(target, key, { ...desc, value: helper(d, desc.value as AsyncBody) });
}

const helpers = new WeakMap<Function, FunctionDescriptor>();
const bodies = new WeakMap<Function, AsyncBody>();

/** The body a helper wrapper calls (a lifted durable closure's is bound to its own enclosing frame). */
export function helperBody(fn: Function): AsyncBody | undefined {
  return bodies.get(fn);
}

export function isHelper(fn: unknown): boolean {
  return typeof fn === "function" && helpers.has(fn);
}

/** The descriptor of a durable helper's body. */
export function helperDescriptor(fn: Function): FunctionDescriptor | undefined {
  return helpers.get(fn);
}
