// Awaits of a value the engine cannot own: a call of a module-level async function
// declaration that stays a plain async function (not lowered, so not wrapped as a
// helper: "use durable" helpers that never await, for instance), whose binding is
// never written. Such a call returns a fresh native promise, and the engine stamps
// only promises it makes itself (helper wrappers, combinators, directives), so the
// per-await check for engine-owned awaitables (`#awaitable in a`, a private brand
// check that costs V8 11 about 10-15 ns: docs/BENCHMARKS.md) can be skipped:
// `$rt.wo` is `$rt.w` without it. Tick counts are unchanged: the same promise is
// awaited natively either way.
import ts = require("typescript");
import { skipOuter } from "./factory.js";
import type { FunctionLowering } from "./lowering-context.js";
import type { Declaration, ScopeInfo } from "./scope.js";

/** `isAssignmentTarget` of the compiler (not in its public typings): `x` in `x = 1`, `[x] = a`, `x++`, `for (x of a)`. */
const isAssignmentTarget = (ts as unknown as { isAssignmentTarget(node: ts.Node): boolean }).isAssignmentTarget;

const written = new WeakMap<ScopeInfo, ReadonlySet<Declaration>>();

/** Whether `operand` (an await's, as written) is a call of a plain async function of this module. */
export function awaitsPlainPromise(fl: FunctionLowering, operand: ts.Expression): boolean {
  const e = skipOuter(operand);
  if (!ts.isCallExpression(e) || e.questionDotToken !== undefined || !ts.isIdentifier(e.expression)) return false;
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
