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
import { toKey } from "./properties.js";
import { isGeneratorDescriptor, registerGeneratorMethod } from "./generators.js";

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
export function methodHelper(target: object, key: PropertyKey | null, d: FunctionDescriptor): void {
  // A computed name (`async [k]() {}`): the key its class or literal converted (methodKey).
  const k = key ?? computedKeys.get(d);
  if (k === undefined) return;
  const desc = Object.getOwnPropertyDescriptor(target, k);
  if (desc === undefined || typeof desc.value !== "function") return;
  // A lowered generator method stays as it is: only its body is registered for decoded generators.
  if (isGeneratorDescriptor(d)) return registerGeneratorMethod(d, desc.value as Function);
  Object.defineProperty(target, k, { ...desc, value: helper(d, desc.value as AsyncBody) });
}

/**
 * The durable methods of a class expression or an object literal, wrapped as `methodHelper` does
 * once the value exists; returns the value. An entry is `[where, key, descriptor]`: `where` 0 is
 * the class's prototype, 1 the value itself (a static method, or a method of the literal).
 */
export function methodHelpers<T extends object>(value: T, entries: readonly (readonly [0 | 1, PropertyKey | null, FunctionDescriptor])[]): T {
  for (const [where, key, d] of entries) methodHelper(where === 0 ? ((value as { prototype: object }).prototype) : value, key, d);
  return value;
}

const privateWrappers = new WeakMap<FunctionDescriptor, AsyncBody>();

/**
 * A durable private method (`async #m()`), whose body the compiler moved to a static private
 * method of its class: the helper wrapping it, made once when the class is defined.
 */
export function privateMethodHelper(d: FunctionDescriptor, body: AsyncBody, name: string): void {
  privateWrappers.set(d, helper(d, body, name));
}

const AsyncFunctionPrototype = Object.getPrototypeOf(async function () {}) as object;

/**
 * A durable instance `#m` whose body uses `super`: the body stays an instance
 * private method of its class (`#m$body`, so that `super` keeps its home
 * object), which a static block cannot read without an instance. The compiler
 * gives `call`, an arrow of the class body that calls it on an instance
 * (`(o, a) => o.#m$body(...a)`), and the body's `length`. The wrapper's body
 * forwards to it without a tick of its own (it returns the method's promise).
 */
export function privateSuperMethodHelper(d: FunctionDescriptor, call: (self: unknown, args: ArrayLike<unknown>) => Promise<unknown>, name: string, length: number): void {
  const holder = {
    [name](this: unknown): Promise<unknown> {
      // eslint-disable-next-line prefer-rest-params
      return call(this, arguments);
    },
  };
  const body = holder[name] as AsyncBody;
  Object.defineProperty(body, "length", { value: length, configurable: true });
  Object.setPrototypeOf(body, AsyncFunctionPrototype);
  privateWrappers.set(d, helper(d, body, name));
}

/** The wrapper `#m` returns (its getter): the same function on every read, as a method is. */
export function privateHelper(d: FunctionDescriptor): AsyncBody {
  return privateWrappers.get(d)!;
}

const computedKeys = new WeakMap<FunctionDescriptor, PropertyKey>();

/**
 * A computed method name, converted to a property key where the class or literal evaluates it (as
 * natively: once, before the method is defined) and remembered for the wrapping that follows.
 */
export function methodKey(d: FunctionDescriptor, key: unknown): PropertyKey {
  const k = toKey(key);
  computedKeys.set(d, k);
  return k;
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
