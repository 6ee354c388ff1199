// Awaits of a value the engine cannot own, judged by the operand's syntax:
// - a call of a module-level async function declaration that stays a plain async function (not
//   lowered, so not wrapped as a helper: "use durable" helpers that never await, for instance),
//   whose binding is never written;
// - a promise the global `Promise` makes anew: `new Promise(executor)`, `Promise.reject(x)`, and
//   `Promise.resolve(x)` where x cannot be a promise by its syntax (a literal, arithmetic, a
//   template: `Promise.resolve(p)` gives p itself back, which may be a helper's). As for the
//   lowered combinators (promise-combinators.ts), `Promise` must name the global, not a local.
// Each gives a fresh native promise, and the engine stamps only promises it makes itself (helper
// wrappers, combinators, directives), so the per-await check for engine-owned awaitables
// (`#awaitable in a`, a private brand check that costs V8 11 10-25 ns: docs/BENCHMARKS.md) can
// be skipped: `$rt.wo` is `$rt.w` without it. Tick counts are unchanged: the same promise is
// awaited natively either way.
import ts = require("typescript");
import { skipOuter } from "./factory.js";
import { mayBePromise } from "./find-durable.js";
import type { FunctionLowering } from "./lowering-context.js";
import type { Declaration, ScopeInfo } from "./scope.js";

/** `isAssignmentTarget` of the compiler (not in its public typings): `x` in `x = 1`, `[x] = a`, `x++`, `for (x of a)`. */
const isAssignmentTarget = (ts as unknown as { isAssignmentTarget(node: ts.Node): boolean }).isAssignmentTarget;

const written = new WeakMap<ScopeInfo, ReadonlySet<Declaration>>();

/** Whether `operand` (an await's, as written) makes a promise the engine cannot own (above). */
export function awaitsPlainPromise(fl: FunctionLowering, operand: ts.Expression): boolean {
  const e = skipOuter(operand);
  if (ts.isNewExpression(e)) return isGlobalPromise(fl, e.expression);
  if (!ts.isCallExpression(e) || e.questionDotToken !== undefined) return false;
  if (ts.isPropertyAccessExpression(e.expression)) return makesFreshPromise(fl, e.expression, e.arguments);
  if (!ts.isIdentifier(e.expression)) return false;
  const d = fl.file.scopes.resolved.get(e.expression);
  if (d === undefined || d.owner !== undefined || !ts.isSourceFile(d.scope)) return false;
  // One declaring name: `var add = ...` next to `function add` (a script) would write it.
  const named = declaringNames(fl.file.scopes).get(d);
  if (named === undefined || named.length !== 1) return false;
  const fn = named[0]!.parent;
  if (!ts.isFunctionDeclaration(fn) || fn.name !== named[0] || fn.body === undefined || fn.asteriskToken !== undefined) return false;
  if (!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) || fl.file.lowered.has(fn)) return false;
  return !writtenBindings(fl.file.scopes).has(d);
}

function isGlobalPromise(fl: FunctionLowering, e: ts.Expression): boolean {
  // A declared `Promise` (an import, a local) is not the global one.
  return ts.isIdentifier(e) && e.text === "Promise" && !fl.file.scopes.resolved.has(e);
}

/** `Promise.reject(x)`, or `Promise.resolve(x)` with an x that cannot be a promise. */
function makesFreshPromise(fl: FunctionLowering, callee: ts.PropertyAccessExpression, args: ts.NodeArray<ts.Expression>): boolean {
  if (callee.questionDotToken !== undefined || !isGlobalPromise(fl, callee.expression)) return false;
  if (callee.name.text === "reject") return true;
  if (callee.name.text !== "resolve" || args.length > 1) return false;
  return args.length === 0 || (!ts.isSpreadElement(args[0]!) && !mayBePromise(args[0]!));
}

const names = new WeakMap<ScopeInfo, Map<Declaration, ts.Identifier[]>>();

function declaringNames(scopes: ScopeInfo): Map<Declaration, ts.Identifier[]> {
  let map = names.get(scopes);
  if (map === undefined) {
    map = new Map();
    for (const [name, ds] of scopes.declarations) {
      if (!ts.isIdentifier(name)) continue;
      for (const d of ds) {
        const list = map.get(d);
        if (list === undefined) map.set(d, [name]);
        else if (!list.includes(name)) list.push(name);
      }
    }
    names.set(scopes, map);
  }
  return map;
}

function writtenBindings(scopes: ScopeInfo): ReadonlySet<Declaration> {
  let set = written.get(scopes);
  if (set === undefined) {
    const out = new Set<Declaration>();
    for (const [ref, d] of scopes.resolved) if (!scopes.declarations.has(ref) && isAssignmentTarget(ref)) out.add(d);
    written.set(scopes, (set = out));
  }
  return set;
}
