// Lifted closures that are only ever called: `const scale = (x) => x * 2 + i`
// in a durable body, where every reference to `scale` is the callee of a plain
// call in that same body. Such a closure never escapes (nothing can hold it,
// compare it, or read its name), so it needs no function object at all: it
// becomes a module-level function that takes the frame and the environments it
// captures first (`$d2_0($f, $f.$e0, x)`), and each call passes them. That
// saves, per closure created, the closure, its factory call and the stamp
// that lets state find its origin (runtime/engine/closures.ts), which is most
// of what a closure made in an await-heavy loop costs (docs/BENCHMARKS.md).
//
// Why the environments read at a call are the ones the closure would have
// bound: a binding's environment field (`$f.$e0`) is replaced only when its
// scope is entered again (or copied between two iterations of a classic for
// loop, after the body). The closure's environments belong to scopes around
// its declaration, and every call sits inside the declaration's scope, so
// while a call can run, no scope it captured has been re-entered. In the test
// mode a round trip replaces the frame and its environments together, as it
// would have re-made the closure around them.
//
// Guarantees: only a `const` (not in a loop head, not in a switch case) bound
// to a sync arrow that is lifted anyway, read only as `name(...)` in the
// lowered body itself (not in a closure, not in its own body), never where
// the dead zone is checked and never before the declaration in the source.
// The factory stays in the descriptor (the layout, and states saved before,
// keep their closure indexes); the frame field is left undefined.
import ts = require("typescript");
import { call, id, prop, skipOuter } from "./factory.js";
import { isFunctionBoundary } from "./contains-await.js";
import { capturedEnvironments } from "./environment-code.js";
import { liftable } from "./lift-closure.js";
import type { FunctionLowering } from "./lowering-context.js";
import { referencesOf, type Declaration } from "./scope.js";

export interface DirectClosure {
  /** The module-level function (`$d2_0`). */
  readonly name: string;
  /** The environment fields it takes after the frame, in order (`$e0`). */
  readonly envs: readonly string[];
}

const decided = new WeakMap<FunctionLowering, Map<Declaration, DirectClosure | null>>();
const counts = new WeakMap<ts.Identifier, number>();

/** The direct form of the closure bound to `callee`'s declaration, when it has one. */
export function directClosureOf(fl: FunctionLowering, ref: ts.Identifier): DirectClosure | undefined {
  const d = fl.file.scopes.resolved.get(ref);
  return d === undefined ? undefined : directClosure(fl, d);
}

/** The direct form of the closure that is `arrow` (the initializer of its declaration), when it has one. */
export function directClosureFor(fl: FunctionLowering, arrow: ts.Node): DirectClosure | undefined {
  let p = arrow.parent;
  while (p !== undefined && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isTypeAssertionExpression(p))) p = p.parent;
  if (p === undefined || !ts.isVariableDeclaration(p) || !ts.isIdentifier(p.name)) return undefined;
  const d = fl.file.scopes.declarations.get(p.name);
  return d === undefined || d.length !== 1 ? undefined : directClosure(fl, d[0]!);
}

function directClosure(fl: FunctionLowering, d: Declaration): DirectClosure | undefined {
  let map = decided.get(fl);
  if (map === undefined) decided.set(fl, (map = new Map()));
  let out = map.get(d);
  if (out === undefined) {
    out = decide(fl, d);
    map.set(d, out);
  }
  return out ?? undefined;
}

function decide(fl: FunctionLowering, d: Declaration): DirectClosure | null {
  if (d.slot === undefined || d.owner !== fl.fn || d.env !== undefined || d.native !== undefined) return null;
  const refs = referencesOf(fl.file.scopes, d);
  const names = refs.filter((r) => fl.file.scopes.declarations.has(r));
  if (names.length !== 1) return null;
  const name = names[0]!;
  const decl = name.parent;
  if (!ts.isVariableDeclaration(decl) || decl.name !== name || decl.initializer === undefined) return null;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0 || !ts.isVariableStatement(list.parent)) return null;
  if (ts.isCaseClause(list.parent.parent) || ts.isDefaultClause(list.parent.parent)) return null;
  const arrow = skipOuter(decl.initializer);
  if (!ts.isArrowFunction(arrow) || arrow.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return null;
  if (fl.file.lowered.has(arrow) || !liftable(fl, arrow)) return null;
  // Its parameters follow the frame and environments in one list: no name of ours among them.
  const clash = (b: ts.BindingName): boolean => (ts.isIdentifier(b) ? b.text.startsWith("$") : b.elements.some((e) => !ts.isOmittedExpression(e) && clash(e.name)));
  if (arrow.parameters.some((p) => clash(p.name))) return null;
  for (const ref of refs) {
    if (ref === name) continue;
    if (fl.file.tdz.checked.has(ref) || ref.getStart() < decl.end) return null;
    const c = ref.parent;
    if (!ts.isCallExpression(c) || c.expression !== ref || c.questionDotToken !== undefined) return null;
    for (let p: ts.Node = c.parent; p !== fl.fn; p = p.parent) if (p === undefined || isFunctionBoundary(p)) return null;
  }
  const envs = capturedEnvironments(fl, arrow);
  if (envs.some((e) => !ts.isPropertyAccessExpression(e.value))) return null;
  const n = counts.get(fl.descriptor) ?? 0;
  counts.set(fl.descriptor, n + 1);
  return { name: `${fl.descriptor.text}_${n}`, envs: envs.map((e) => e.name) };
}

/** A call of a direct closure: the frame and the environments first. */
export function directCall(fl: FunctionLowering, direct: DirectClosure, args: readonly ts.Expression[]): ts.Expression {
  const frame = fl.em.frame();
  return call(id(direct.name), [frame, ...direct.envs.map((e) => prop(fl.em.frame(), e)), ...args]);
}
