// Generators of transformed modules (transformer/lower-generator.ts): the
// generator object is a handle on a frame, and each next()/throw()/return()
// calls the generator's step function, which runs the frame's switch from
// `$pc` to the next `yield` (it returns after `$rt.yielded`) or to the end.
// Since the frame is plain data and the step function belongs to the
// descriptor, a generator held across an await is saved with its frame and
// continues where it was after a resume from bytes.
//
// The frame's `$k` is a GeneratorKernel (never serialized as such: the frame
// extension writes its state): the generator's state, the completion the
// runtime hands to the body (what next/throw/return sent), and the step
// function of this activation. `ret`, `abrupt` and `finish` of frame.ts work
// on it unchanged; `genCaught` replaces `caught`.
//
// Objects behave like native generators: `[Symbol.iterator]()` returns the
// generator, next/return/throw follow the generator state machine (a
// generator that is running cannot be resumed, one that is done returns
// `{ value: undefined, done: true }`), the yielded result objects of `yield*`
// are passed through as they came, and the tag is "Generator". Differences:
// the prototype chain is g.prototype -> a runtime object with next/return/throw
// (not %GeneratorPrototype%), own properties added to a generator object are
// not saved, and the generator function's toString() shows the wrapper.
import type { Extension } from "../codec/index.js";
import { abrupt, CompletionType, routeThrow, type Frame, type FunctionDescriptor } from "./frame.js";
import { frameBrand } from "./frame-extension.js";
import { findFunction } from "./registry.js";
import { registerValue, runtimeRefs } from "./runtime-refs.js";
import { DONE, IteratorRecord, close, getMethod, isObject, iterate, step, type Cursor } from "./iteration.js";
import { StateError, isStateError } from "./state-error.js";

const enum GenState {
  Start = 0,
  Yield = 1,
  Running = 2,
  Done = 3,
}

const enum Mode {
  Next = 0,
  Throw = 1,
  Return = 2,
}

type Step = (f: Frame) => unknown;

/** The in-process side of a generator's frame. */
class GeneratorKernel {
  state = GenState.Start;
  /** What the runtime hands to the body at its resume point. */
  mode = Mode.Next;
  sent: unknown = undefined;
  /** Set by `yielded` (a yield) or `delegateStep` (a yield* passing an inner result as it is). */
  yielding = false;
  raw = false;
  /** Set by `ret` (frame.ts) and by a return() that completed. */
  ok = false;
  value: unknown = undefined;

  constructor(
    readonly desc: FunctionDescriptor,
    /** The step function of this activation; a decoded frame uses its descriptor's latest. */
    readonly step: Step | undefined,
  ) {}
}

interface GeneratorInfo {
  /** The public generator function (`$rt.generator`), whose `prototype` new generators inherit from. */
  wrapper: Function | undefined;
  /** The lowered function behind the wrapper: called in step-request mode, it returns a step function. */
  body: Function | undefined;
  /** The latest step function a call made. */
  step: Step | undefined;
}

const infos = new WeakMap<FunctionDescriptor, GeneratorInfo>();
/** Frame prototypes of generator descriptors, to their descriptor. */
const generatorFrames = new WeakMap<object, FunctionDescriptor>();

function infoOf(d: FunctionDescriptor): GeneratorInfo {
  let info = infos.get(d);
  if (info === undefined) infos.set(d, (info = { wrapper: undefined, body: undefined, step: undefined }));
  return info;
}

/** Whether a descriptor is a lowered generator's. */
export function isGeneratorDescriptor(d: FunctionDescriptor): boolean {
  return generatorFrames.has(d.Frame.prototype as object);
}

/**
 * A generator method, registered once its class or object literal exists (helpers.ts
 * `methodHelper`), so that a process that decodes one of its generators before calling it can
 * make a step function: the method is called with the step requested (see `stepOf`).
 */
export function registerGeneratorMethod(d: FunctionDescriptor, method: Function): void {
  const info = infoOf(d);
  info.body = method;
  // Its own `prototype`, which its generators inherit from, and the GeneratorFunction prototype, as natively.
  if (!Object.prototype.hasOwnProperty.call(method, "prototype")) {
    Object.setPrototypeOf(method, GeneratorFunctionPrototype);
    Object.defineProperty(method, "prototype", { value: Object.create(generatorPrototype), writable: true });
  }
  info.wrapper = method;
}

/** Called when a module registers a generator's descriptor: its frames are saved by `generatorFrameExtension`. */
export function registerGeneratorDescriptor(d: FunctionDescriptor): void {
  frameBrand.delete(d.Frame.prototype as object);
  generatorFrames.set(d.Frame.prototype as object, d);
  infoOf(d);
}

/** Thrown from a resume point to carry out return(): routed through the finally blocks by `genCaught`. */
const RETURN = Symbol("dispatch-ts.generator-return");
// Completions of return() in progress, by kernel (a symbol cannot carry the value).
const returning = new WeakMap<GeneratorKernel, unknown>();

// --- the generator objects ---------------------------------------------------

class Identity {
  constructor(o: object) {
    return o;
  }
}

/** The link from a generator object to its frame: a private-field stamp, so reading it never runs user code. */
class GeneratorStamp extends Identity {
  #frame: Frame | undefined;

  constructor(o: object, frame: Frame | undefined) {
    super(o);
    this.#frame = frame;
  }

  static get(o: unknown): Frame | undefined {
    return isObject(o) && #frame in o ? o.#frame : undefined;
  }

  static set(o: object, frame: Frame): void {
    (o as GeneratorStamp).#frame = frame;
  }

  static has(o: object): boolean {
    return #frame in o;
  }
}

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;
const GeneratorFunctionPrototype = Object.getPrototypeOf(function* () {}) as object;

function frameOf(g: unknown, method: string): Frame {
  const f = GeneratorStamp.get(g);
  if (f === undefined) throw new TypeError(`next method called on incompatible receiver ${typeof g === "object" ? "object" : String(g)} (Generator.prototype.${method})`);
  return f;
}

const methods = {
  next(this: unknown, value?: unknown): unknown {
    return resume(frameOf(this, "next"), Mode.Next, value);
  },
  return(this: unknown, value?: unknown): unknown {
    return resume(frameOf(this, "return"), Mode.Return, value);
  },
  throw(this: unknown, error?: unknown): unknown {
    return resume(frameOf(this, "throw"), Mode.Throw, error);
  },
};

/** The prototype of every lowered generator's `prototype`: next/return/throw, the tag, and %IteratorPrototype% above. */
export const generatorPrototype: object = Object.create(IteratorPrototype, {
  constructor: { value: GeneratorFunctionPrototype, configurable: true },
  next: { value: methods.next, writable: true, configurable: true },
  return: { value: methods.return, writable: true, configurable: true },
  throw: { value: methods.throw, writable: true, configurable: true },
  [Symbol.toStringTag]: { value: "Generator", configurable: true },
});
// A loop's iterator record keeps `next`: it is saved by reference.
registerValue("dispatch-ts:Generator.prototype.next", methods.next);
registerValue("dispatch-ts:Generator.prototype.return", methods.return);
registerValue("dispatch-ts:Generator.prototype.throw", methods.throw);
registerValue("dispatch-ts:Generator.prototype", generatorPrototype);

function defaultPrototype(d: FunctionDescriptor): object {
  const p = (infos.get(d)?.wrapper as { prototype?: unknown } | undefined)?.prototype;
  return isObject(p) ? p : generatorPrototype;
}

function makeGenerator(proto: object, frame: Frame | undefined): object {
  const g = Object.create(proto) as object;
  new GeneratorStamp(g, frame);
  return g;
}

// --- what generated code calls -------------------------------------------------

/**
 * The public generator function: a method (not constructible) with the body's
 * name and length, GeneratorFunction.prototype as its prototype and its own
 * `prototype` object, as a native generator function has.
 */
export function generator(d: FunctionDescriptor, body: Function, inferredName?: string): Function {
  const name = inferredName ?? body.name;
  const holder = {
    [name](this: unknown): unknown {
      // eslint-disable-next-line prefer-rest-params
      return body.apply(this, arguments as unknown as unknown[]);
    },
  };
  const wrapper = holder[name] as Function;
  Object.defineProperty(wrapper, "length", { value: body.length, configurable: true });
  Object.setPrototypeOf(wrapper, GeneratorFunctionPrototype);
  Object.defineProperty(wrapper, "prototype", { value: Object.create(generatorPrototype), writable: true });
  const info = infoOf(d);
  info.wrapper = wrapper;
  info.body = body;
  return wrapper;
}

/** A call of a lowered generator: its parameters are bound now (case 0), then the generator starts suspended. */
export function gen(d: FunctionDescriptor, self: unknown, args: IArguments | null, stepFn: Step): object {
  if (stepRequested === d) return stepFn;
  infoOf(d).step = stepFn;
  const k = new GeneratorKernel(d, stepFn);
  const f = new d.Frame(k as never);
  if (d.meta.usesThis) f.$this = self;
  if (d.meta.usesArguments && args !== null) f.$args = Array.prototype.slice.call(args);
  k.state = GenState.Running;
  stepFn(f);
  k.yielding = false;
  k.state = GenState.Start;
  return makeGenerator(defaultPrototype(d), f);
}

/** At a yield (and at the start): the step function returns right after this. */
export function yielded(f: Frame): void {
  (f.$k as unknown as GeneratorKernel).yielding = true;
}

/** At the resume point of a yield: what the generator was resumed with becomes the yield's completion. */
export function sent(f: Frame): void {
  const k = f.$k as unknown as GeneratorKernel;
  const { mode, sent: value } = k;
  k.mode = Mode.Next;
  k.sent = undefined;
  if (mode === Mode.Next) f.$r = value;
  else if (mode === Mode.Throw) throw value;
  else {
    returning.set(k, value);
    throw RETURN;
  }
}

/** The catch clause around the step function's switch: a return() runs the finally blocks; errors go through the try table. */
export function genCaught(f: Frame, error: unknown): Frame {
  const k = f.$k as unknown as GeneratorKernel;
  if (error === RETURN) {
    const value = returning.get(k);
    returning.delete(k);
    if (abrupt(f, CompletionType.Return, value)) return f;
    k.ok = true;
    k.value = value;
    f.$r = undefined;
    throw RETURN;
  }
  if (isStateError(error)) throw error;
  if (routeThrow(f, error)) return f;
  throw error;
}

/** `yield* xs`: GetIterator(xs, sync); arrays and strings get a by-position cursor (their iterators have no throw/return). */
export function delegate(f: Frame, iterable: unknown): Cursor {
  const k = f.$k as unknown as GeneratorKernel;
  k.mode = Mode.Next;
  k.sent = undefined;
  return iterate(iterable);
}

/**
 * One round of `yield*` (ECMA-262 YieldExpression: yield* evaluation): pass
 * what the generator was resumed with to the inner iterator; true when the
 * inner result is yielded as it is, false when the delegation completed
 * (its value in `$r`).
 */
export function delegateStep(f: Frame, c: Cursor): boolean {
  const k = f.$k as unknown as GeneratorKernel;
  const { mode, sent: value } = k;
  k.mode = Mode.Next;
  k.sent = undefined;
  let result: unknown;
  if (!(c instanceof IteratorRecord)) {
    // A built-in iterator: next ignores its argument; it has no throw or return method.
    if (mode === Mode.Next) {
      const v = step(c);
      if (v === DONE) {
        f.$r = undefined;
        return false;
      }
      result = { value: v, done: false };
    } else if (mode === Mode.Throw) throw new TypeError("The iterator does not provide a 'throw' method");
    else return returnFrom(k, value);
  } else if (mode === Mode.Next) {
    result = (c.next as (this: object, v: unknown) => unknown).call(c.iterator, value);
  } else if (mode === Mode.Throw) {
    const m = getMethod(c.iterator, "throw");
    if (m === undefined) {
      close(c);
      throw new TypeError("The iterator does not provide a 'throw' method");
    }
    result = m.call(c.iterator, value);
  } else {
    const m = getMethod(c.iterator, "return");
    if (m === undefined) return returnFrom(k, value);
    result = m.call(c.iterator, value);
    if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
    if ((result as IteratorResult<unknown>).done) return returnFrom(k, (result as IteratorResult<unknown>).value);
  }
  if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
  if (mode !== Mode.Return && (result as IteratorResult<unknown>).done) {
    f.$r = (result as IteratorResult<unknown>).value;
    return false;
  }
  f.$a = result;
  k.yielding = true;
  k.raw = true;
  return true;
}

// Set while the runtime calls a lowered generator function only to get a step
// function (a decoded generator whose function was not called in this process):
// its parameters are plain, so nothing runs before `gen` returns the step.
let stepRequested: FunctionDescriptor | null = null;

/** A step function for a decoded generator: the latest a call made, or one the generator function makes for it. */
function stepOf(d: FunctionDescriptor): Step {
  const info = infoOf(d);
  if (info.step !== undefined) return info.step;
  const fn = info.body ?? methodAtHome(d);
  if (fn !== undefined) {
    stepRequested = d;
    let made: unknown;
    try {
      made = fn.call(undefined);
    } finally {
      stepRequested = null;
    }
    if (typeof made === "function") return (info.step = made as Step);
  }
  throw new StateError(
    `cannot resume generator ${d.id}: this process has not called it yet and cannot find it (a generator method is found once its class or object literal has been evaluated in this process, or when it is bound at the top level of its module under a plain name)`,
    "incompatible",
  );
}

function methodAtHome(d: FunctionDescriptor): Function | undefined {
  if (d.meta.home === undefined) return undefined;
  try {
    const m = runtimeRefs.resolveRef(`${d.modulePath}#${d.meta.home}`);
    return typeof m === "function" ? m : undefined;
  } catch {
    return undefined;
  }
}

function returnFrom(k: GeneratorKernel, value: unknown): never {
  returning.set(k, value);
  throw RETURN;
}

// --- the state machine of a generator object ------------------------------------

function resume(f: Frame, mode: Mode, value: unknown): unknown {
  const k = f.$k as unknown as GeneratorKernel;
  const state = k.state;
  if (state === GenState.Running) throw new TypeError("Generator is already running");
  if (state === GenState.Done || (state === GenState.Start && mode !== Mode.Next)) {
    if (state === GenState.Start) complete(f, k);
    if (mode === Mode.Throw) throw value;
    return { value: mode === Mode.Return ? value : undefined, done: true };
  }
  k.mode = mode;
  // What the first next() sends is not seen by the body.
  k.sent = state === GenState.Start ? undefined : value;
  k.state = GenState.Running;
  try {
    (k.step ?? stepOf(k.desc))(f);
  } catch (e) {
    complete(f, k);
    if (e !== RETURN) throw e;
    const v = k.value;
    k.value = undefined;
    return { value: v, done: true };
  }
  if (k.yielding) {
    k.yielding = false;
    k.state = GenState.Yield;
    const v = f.$a;
    f.$a = undefined;
    if (k.raw) {
      k.raw = false;
      return v;
    }
    return { value: v, done: false };
  }
  complete(f, k);
  const v = k.value;
  k.value = undefined;
  return { value: v, done: true };
}

/** The generator is done: its frame keeps nothing alive. */
function complete(f: Frame, k: GeneratorKernel): void {
  k.state = GenState.Done;
  k.mode = Mode.Next;
  k.sent = undefined;
  f.$a = f.$r = f.$e = undefined;
  for (const s of k.desc.meta.slots) f[s] = undefined;
}

// --- state ---------------------------------------------------------------------

/**
 * A generator object in state: its frame, and its prototype when it is not the
 * generator function's `prototype`. Its frame is written by `generatorFrameExtension`
 * (a lifted closure of the body may hold the frame too).
 */
export function generatorExtension(): Extension<object> {
  return {
    tag: "generator",
    match: (v): v is object => GeneratorStamp.has(v),
    encode(g, out) {
      const f = GeneratorStamp.get(g)!;
      out.write(f, "generator");
      const proto = Object.getPrototypeOf(g) as object;
      out.write(proto === defaultPrototype((f.$k as unknown as GeneratorKernel).desc) ? undefined : proto, "generator > prototype");
    },
    decode(input) {
      const g = makeGenerator(generatorPrototype, undefined);
      input.register(g);
      const f = input.read();
      if (!isObject(f) || !generatorFrames.has(Object.getPrototypeOf(f) as object)) throw new StateError("cannot resume a generator: malformed frame", "corrupt");
      GeneratorStamp.set(g, f as Frame);
      const proto = input.read();
      if (proto !== undefined && proto !== null && !isObject(proto)) throw new StateError("cannot resume a generator: malformed prototype", "corrupt");
      Object.setPrototypeOf(g, proto === undefined ? defaultPrototype((f as Frame).$k.desc) : proto);
      return g;
    },
  };
}

/** A generator's frame: function id, layout hash, generator state, pc, then its fields in declared order. */
export function generatorFrameExtension(): Extension<Frame> {
  return {
    tag: "generator-frame",
    match: (v): v is Frame => generatorFrames.has(Object.getPrototypeOf(v) as object),
    encode(f, out) {
      const k = f.$k as unknown as GeneratorKernel;
      const d = k.desc;
      if (k.state === GenState.Running) throw new StateError(`cannot save generator ${d.meta.name} (${d.modulePath}) while it is running`, "unserializable");
      const where = `generator ${d.describe(f.$pc)}`;
      out.write(d.id);
      out.write(d.meta.layout);
      out.write(k.state);
      out.write(f.$pc);
      out.write(f.$a, `${where} > yielded value`);
      out.write(f.$r, `${where} > sent value`);
      out.write(f.$e, `${where} > caught error`);
      for (const s of d.meta.slots) out.write(f[s], `${where} > local ${s}`);
    },
    decode(input) {
      const id = input.read();
      const layout = input.read();
      const d = typeof id === "string" ? findFunction(id) : undefined;
      if (d === undefined || !generatorFrames.has(d.Frame.prototype as object)) {
        throw new StateError(`cannot resume generator ${String(id)}: no such generator is loaded`, "incompatible");
      }
      if (d.meta.layout !== layout) {
        throw new StateError(
          `cannot resume generator ${d.meta.name} (${d.id}): the code changed since it was suspended (frame layout ${String(layout)} in the state, ${d.meta.layout} in this build)`,
          "incompatible",
        );
      }
      const state = input.read();
      const pc = input.read();
      if ((state !== GenState.Start && state !== GenState.Yield && state !== GenState.Done) || typeof pc !== "number") {
        throw new StateError(`cannot resume generator ${d.id}: malformed frame`, "corrupt");
      }
      const k = new GeneratorKernel(d, undefined);
      k.state = state;
      const f = new d.Frame(k as never);
      input.register(f);
      f.$pc = pc;
      f.$a = input.read();
      f.$r = input.read();
      f.$e = input.read();
      for (const s of d.meta.slots) f[s] = input.read();
      return f;
    },
  };
}
