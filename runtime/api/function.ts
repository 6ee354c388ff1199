// `dispatch.function(fn)` / `dispatch.function(options, fn)`: registers a
// durable function under its wire name and returns a typed callable.
// Inside a durable body a call is eager (a durable call in the running state,
// sent with the next Poll); outside it is lazy (nothing happens until it is
// awaited or run). `.dispatch(...)` starts a detached call and returns its id.
import { descriptorOf } from "../engine/durable-body.js";
import { defaultRegistry, type FunctionOptions, type RegisteredFunction } from "../engine/function-registry.js";
import { settings } from "../engine/settings.js";
import type { DurableCall } from "../engine/durable-call.js";
import { notTransformed } from "./not-transformed.js";
import { currentRun } from "./current-run.js";
import { LazyCall, runner } from "./runner.js";
import { checkVersionPin } from "./version-pin.js";
import { encodeArguments } from "./encode-arguments.js";
import { decorate, decoratorFactory, decoratorShape, type DurableMethodDecorator } from "./method-decorators.js";

/** What `f(x)` returns: awaitable for its result. */
export type Call<R> = PromiseLike<R> & { readonly function: string };

export interface DurableFunction<A extends unknown[], R> {
  (...args: A): Call<R>;
  /** Starts the call detached (not awaited by the caller) and returns its dispatch id. */
  dispatch(...args: A): Promise<string>;
  readonly wireName: string;
}

type AsyncFn<A extends unknown[], R> = (...args: A) => Promise<R>;

/** `@dispatch.function` on an async method (standard decorators): the method keeps its signature. */
export function durableFunction<This, A extends unknown[], R>(method: (this: This, ...args: A) => Promise<R>, context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => Promise<R>>): void;
/** `@dispatch.function` on an async method (`experimentalDecorators`). */
export function durableFunction<T extends (...args: never[]) => Promise<unknown>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void;
export function durableFunction<A extends unknown[], R>(fn: AsyncFn<A, R>): DurableFunction<A, R>;
export function durableFunction<A extends unknown[], R>(options: FunctionOptions, fn: AsyncFn<A, R>): DurableFunction<A, R>;
/** `@dispatch.function({ name, version, ... })` on an async method. */
export function durableFunction(options: FunctionOptions): DurableMethodDecorator;
export function durableFunction(a: unknown, b?: unknown, ...rest: unknown[]): unknown {
  if (decoratorShape([a, b, ...rest]) !== undefined) return decorate("function", {}, [a, b, ...rest]);
  if (typeof a === "object" && a !== null && b === undefined && rest.length === 0) return decoratorFactory("function", a as FunctionOptions);
  const fn = (typeof a === "function" ? a : b) as AsyncFn<unknown[], unknown> | undefined;
  const options = (typeof a === "function" ? {} : a) as FunctionOptions;
  if (typeof fn !== "function") throw new TypeError("cannot define dispatch.function: expected an async function, optionally after an options object");
  if (settings.native) return nativeFunction(options, fn);
  const d = descriptorOf(fn);
  if (d === undefined) throw notTransformed("dispatch.function", fn);
  checkVersionPin("dispatch.function", options, d);
  const registered = defaultRegistry.register(d, options);
  return callable(registered);
}

function callable<A extends unknown[], R>(f: RegisteredFunction): DurableFunction<A, R> {
  const target = { function: f.name, endpoint: f.options.endpoint, expirationMs: f.options.expirationMs };
  const call = (...args: A): Call<R> => {
    const run = currentRun();
    // Field by field, not { ...target, input }: an object spread took V8's slow path, ~1 us per call made.
    if (run !== undefined) return run.newCall({ function: target.function, endpoint: target.endpoint, expirationMs: target.expirationMs, input: encodeArguments(f.name, args) }, args) as unknown as Call<R>;
    return new LazyCall<R>(target, args);
  };
  Object.defineProperty(call, "name", { value: f.descriptor.impl?.name ?? f.name });
  return Object.assign(call, {
    wireName: f.name,
    dispatch: (...args: A) => runner().dispatch(new LazyCall<R>(target, args)),
  }) as DurableFunction<A, R>;
}

/** DISPATCH_NATIVE=1: plain in-process async calls, the oracle of differential tests. */
function nativeFunction<A extends unknown[], R>(options: FunctionOptions, fn: AsyncFn<A, R>): DurableFunction<A, R> {
  const name = options.name ?? fn.name;
  const call = (...args: A): Call<R> => Object.assign(fn(...args), { function: name });
  return Object.assign(call, {
    wireName: name,
    dispatch: async (...args: A) => {
      void fn(...args).catch(() => undefined);
      return `native-${name}`;
    },
  }) as DurableFunction<A, R>;
}

export type { DurableCall, DurableMethodDecorator };
