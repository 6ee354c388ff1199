// DESIGN decision 5: inside durable bodies, Promise.all/allSettled/any/race
// (the global Promise, resolved by scope, not a local named Promise) become
// the runtime's lowered versions, which are the native functions over ordinary
// values and serializable directives over durable calls and helpers.
import ts = require("typescript");
import { rt } from "./factory.js";
import type { FunctionLowering } from "./lowering-context.js";

const LOWERED: Record<string, string> = {
  all: "promiseAll",
  allSettled: "promiseAllSettled",
  any: "promiseAny",
  race: "promiseRace",
};

/** `$rt.promiseAll` for a callee `Promise.all` that names the global Promise, else undefined. */
export function loweredPromiseCombinator(fl: FunctionLowering, callee: ts.Expression): ts.Expression | undefined {
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== "Promise") return undefined;
  const target = LOWERED[callee.name.text];
  if (target === undefined) return undefined;
  // A declared `Promise` (an import, a local) is not the global one.
  if (fl.file.scopes.resolved.has(callee.expression)) return undefined;
  // produces: $rt.promiseAll
  return rt(target);
}
