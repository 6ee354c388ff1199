// `dispatch.durable(fn)` / `dispatch.durable({ version }, fn)`: marks an async
// function as a durable helper that runs on its caller's tree and is
// serialized with it. The transformer replaces the function argument by the
// lowered helper and compiles the version pin into it; at run time this only
// checks that the transformer did run and saw the same pin. On an async method
// it is a decorator (method-decorators.ts).
import { helperDescriptor, isHelper } from "../engine/helpers.js";
import { settings } from "../engine/settings.js";
import { notTransformed } from "./not-transformed.js";
import { checkVersionPin } from "./version-pin.js";
import { decorate, decoratorFactory, decoratorShape, type DurableMethodDecorator } from "./method-decorators.js";

export interface DurableOptions {
  /** Version pin, as for dispatch.function: waives the body hash, never the frame layout. */
  version?: string;
}

/** `@dispatch.durable` on an async method (standard decorators): a helper method. */
export function durable<This, A extends unknown[], R>(method: (this: This, ...args: A) => Promise<R>, context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => Promise<R>>): void;
/** `@dispatch.durable` on an async method (`experimentalDecorators`). */
export function durable<T extends (...args: never[]) => Promise<unknown>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void;
export function durable<F extends (...args: never[]) => Promise<unknown>>(fn: F): F;
export function durable<F extends (...args: never[]) => Promise<unknown>>(options: DurableOptions, fn: F): F;
/** `@dispatch.durable({ version })` on an async method. */
export function durable(options: DurableOptions): DurableMethodDecorator;
export function durable(a: unknown, b?: unknown, ...rest: unknown[]): unknown {
  if (decoratorShape([a, b, ...rest]) !== undefined) return decorate("durable", {}, [a, b, ...rest]);
  if (typeof a === "object" && a !== null && b === undefined && rest.length === 0) return decoratorFactory("durable", a as DurableOptions);
  const fn = (typeof a === "function" ? a : b) as Function;
  if (settings.native) return fn;
  if (!isHelper(fn)) throw notTransformed("dispatch.durable", fn);
  if (typeof a !== "function") checkVersionPin("dispatch.durable", a as DurableOptions, helperDescriptor(fn)!);
  return fn;
}
