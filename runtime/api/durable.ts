// `dispatch.durable(fn)` / `dispatch.durable({ version }, fn)`: marks an async
// function as a durable helper that runs on its caller's tree and is
// serialized with it. The transformer replaces the function argument by the
// lowered helper and compiles the version pin into it; at run time this only
// checks that the transformer did run and saw the same pin.
import { helperDescriptor, isHelper } from "../engine/helpers.js";
import { settings } from "../engine/settings.js";
import { notTransformed } from "./not-transformed.js";
import { checkVersionPin } from "./version-pin.js";

export interface DurableOptions {
  /** Version pin, as for dispatch.function: waives the body hash, never the frame layout. */
  version?: string;
}

export function durable<F extends (...args: never[]) => Promise<unknown>>(fn: F): F;
export function durable<F extends (...args: never[]) => Promise<unknown>>(options: DurableOptions, fn: F): F;
export function durable<F extends (...args: never[]) => Promise<unknown>>(a: DurableOptions | F, b?: F): F {
  const fn = (typeof a === "function" ? a : b) as F;
  if (settings.native) return fn;
  if (!isHelper(fn)) throw notTransformed("dispatch.durable", fn);
  if (typeof a !== "function") checkVersionPin("dispatch.durable", a, helperDescriptor(fn)!);
  return fn;
}
