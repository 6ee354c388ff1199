// Per-iteration bindings of an enclosing durable function read by a nested
// durable closure (an async arrow or function expression in a loop of a
// durable body). Natively the closure keeps the bindings of the iteration that
// created it; the enclosing frame's environment field holds only the current
// iteration's. So the creation binds the environment objects, like any closure
// (`(($e0) => $rt.helper(...))($f.$e0)`), and the nested function copies them
// into its own frame on entry (`$f1.$oe0 = $e0`), where its reads find them:
// being frame data, they are saved with the frame and keep their identity with
// the enclosing frame's after a round trip (the closure's own lexical copy would not).
import ts = require("typescript");
import { outermostFunction } from "./environments.js";
import type { FileLowering } from "./lowering-context.js";

/** The environments of the enclosing durable function that `fn` reads: environment name -> field of `fn`'s frame. */
export function outerEnvironments(file: FileLowering, fn: ts.FunctionLikeDeclaration, taken: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return out;
  let parent: ts.Node | undefined = fn.parent;
  while (parent !== undefined && !file.lowered.has(parent)) parent = parent.parent;
  if (parent === undefined) return out;
  const walk = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const d = file.scopes.resolved.get(n);
      if (d?.env !== undefined && d.owner === parent && !out.has(d.env) && outermostFunction(n, d.scope) === fn) {
        let slot = `$o${d.env.slice(1)}`;
        while (taken.includes(slot)) slot += "$";
        out.set(d.env, slot);
      }
    }
    n.forEachChild(walk);
  };
  for (const p of fn.parameters) walk(p);
  if (fn.body !== undefined) walk(fn.body);
  return out;
}
