// `dispatch.durable(fn)`: marks an async function as a durable helper that
// runs on its caller's tree and is serialized with it. The transformer
// replaces the argument by the lowered helper; at run time this only checks
// that the transformer did run.
import { isHelper } from "../engine/helpers.js";
import { settings } from "../engine/settings.js";
import { notTransformed } from "./not-transformed.js";

export function durable<F extends (...args: never[]) => Promise<unknown>>(fn: F): F {
  if (settings.native || isHelper(fn)) return fn;
  throw notTransformed("dispatch.durable", fn);
}
