// `@dispatch.function` and `@dispatch.durable` on async methods, as standard
// decorators `(value, context)` and as `experimentalDecorators` decorators
// `(target, key, descriptor)`. The transformer lowers the method and passes its
// descriptor in before the user's decorator runs (`$rt.durableMethod`), so the
// decorator finds the lowered body as it finds the argument of the call form.
//
// A `@dispatch.function` method is registered under its wire name (default:
// `Class.method`) and replaced by a method that makes a durable call whose
// input is `[this, ...args]`: the receiver travels with the value codec (a
// module-level singleton or the class itself as a reference, any other
// instance by value), and the engine calls the body with it as `this`.
import { descriptorOf, durableBody } from "../engine/durable-body.js";
import { defaultRegistry, type FunctionOptions } from "../engine/function-registry.js";
import { helper, isHelper } from "../engine/helpers.js";
import { settings } from "../engine/settings.js";
import type { FunctionDescriptor } from "../engine/frame.js";
import { currentRun } from "./current-run.js";
import { LazyCall } from "./runner.js";
import { notTransformed } from "./not-transformed.js";
import { checkVersionPin } from "./version-pin.js";
import { encodeArguments } from "./encode-arguments.js";

type AnyMethod = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/** Both decorator shapes: what `dispatch.function({ ... })` and `dispatch.durable({ ... })` return. */
export interface DurableMethodDecorator {
  <This, A extends unknown[], R>(method: (this: This, ...args: A) => Promise<R>, context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => Promise<R>>): void;
  <T extends (...args: never[]) => Promise<unknown>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void;
}

/** Whether `(a, b, c)` is a decorator application, and of which kind. */
export function decoratorShape(args: ArrayLike<unknown>): "standard" | "legacy" | undefined {
  const b = args[1] as { kind?: unknown } | undefined;
  if (typeof args[0] === "function" && typeof b === "object" && b !== null && typeof b.kind === "string" && "name" in b) return "standard";
  if (args.length === 3 && (typeof b === "string" || typeof b === "symbol") && typeof args[2] === "object" && args[2] !== null) return "legacy";
  return undefined;
}

type Role = "function" | "durable";

/** Applies a method decorator of either kind, with the options of a decorator factory. */
export function decorate(role: Role, options: FunctionOptions, args: ArrayLike<unknown>): unknown {
  if (decoratorShape(args) === "standard") {
    const context = args[1] as ClassMethodDecoratorContext;
    const key = context.name;
    if (context.kind !== "method") throw misplaced(role, key, `a ${context.kind}`);
    return replaceMethod(role, options, args[0] as AnyMethod, key);
  }
  const key = args[1] as string | symbol;
  const descriptor = args[2] as PropertyDescriptor;
  if (typeof descriptor.value !== "function") throw misplaced(role, key, descriptor.get || descriptor.set ? "an accessor" : "a field");
  descriptor.value = replaceMethod(role, options, descriptor.value as AnyMethod, key);
  return descriptor;
}

/** `dispatch.function({ name })` / `dispatch.durable({ version })` with no function: a decorator. */
export function decoratorFactory(role: Role, options: FunctionOptions): DurableMethodDecorator {
  return function durableMethodDecorator(...args: unknown[]) {
    if (decoratorShape(args) === undefined) throw new TypeError(`cannot apply @dispatch.${role}(options): it decorates async methods of a class`);
    return decorate(role, options, args);
  } as DurableMethodDecorator;
}

/**
 * `$rt.durableMethod($dN, dispatch.function)`: what the transformer writes in place of the user's
 * decorator expression. It attaches the lowered method's descriptor, then applies the user's
 * decorator (a decorator call and the factories run unchanged, so a misuse still reports itself).
 */
export function durableMethod(d: FunctionDescriptor, decorator: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return function (...args: unknown[]) {
    const shape = decoratorShape(args);
    const method = shape === "standard" ? args[0] : shape === "legacy" ? (args[2] as PropertyDescriptor).value : undefined;
    if (typeof method === "function") durableBody(d, method);
    return decorator(...args);
  };
}

function replaceMethod(role: Role, options: FunctionOptions, method: AnyMethod, key: string | symbol): AnyMethod {
  if (typeof method !== "function") throw misplaced(role, key, "something that is not a method");
  if (settings.native) return method;
  const api = `@dispatch.${role}`;
  if (role === "durable") {
    if (isHelper(method)) return method;
    const d = descriptorOf(method);
    if (d === undefined) throw notTransformed(api, method);
    if (options.version !== undefined || d.meta.version !== undefined) checkVersionPin(api, options, d);
    return helper(d, method) as AnyMethod;
  }
  const d = descriptorOf(method);
  if (d === undefined) throw notTransformed(api, method);
  checkVersionPin(api, options, d);
  const registered = defaultRegistry.register(d, options, { receiver: true });
  const target = { function: registered.name, endpoint: registered.options.endpoint, expirationMs: registered.options.expirationMs };
  const name = typeof key === "symbol" ? `[${key.description ?? ""}]` : key;
  const holder = {
    // A method (no prototype, not constructible), named like the one it replaces.
    [name](this: unknown, ...args: unknown[]): PromiseLike<unknown> {
      const input = [this, ...args];
      const run = currentRun();
      if (run !== undefined) return run.newCall({ ...target, input: encodeArguments(target.function, input) }, input) as unknown as PromiseLike<unknown>;
      return new LazyCall(target, input);
    },
  };
  return holder[name] as AnyMethod;
}

function misplaced(role: Role, key: string | symbol | undefined, what: string): TypeError {
  return new TypeError(`cannot apply @dispatch.${role} to ${what} (${String(key)}): it decorates async methods of a class`);
}
