// Temporal dead zone of let, const and class bindings that live in frames or
// in native environments (native-environments.ts).
//
// Guarantees: a read of such a binding that can run before its declaration
// has run is marked `checked` (it is emitted as `$rt.live($f.x, "x")`, which
// throws V8's ReferenceError on the UNINITIALIZED sentinel); so is a direct
// write (`x = v`, `x += v`, `x++`) in `checkedWrites`, checked after the value
// for `=` and before the read for the others, as natively. The scope that
// declares a frame binding is listed in `resets` (its fields are set to the
// sentinel whenever the scope is entered, so each entry of a loop body starts
// in the dead zone again); a native binding is in `deadNative`, and its
// environment object starts it as the sentinel. A reference can run early
// when it comes before the end of the declaration in source order, when it
// sits in a function declaration (which is hoisted and can be called first),
// or when it is in another clause of the switch that declares the binding (a
// jump to a later case skips the declaration). Every other reference runs
// after the declaration and stays a plain field access.
// Leaves alone: writes through a destructuring or for-in/of assignment target
// (`[x] = a` before `let x`: they write without throwing); closures created
// after the declaration that outlive an iteration of a loop (their
// per-iteration bindings are environments.ts's: an environment starts the
// bindings listed in `resets` uninitialized). Bindings that stay native locals
// keep their own, native dead zone.
import ts = require("typescript");
import type { Declaration, ScopeInfo } from "./scope.js";

export interface TdzInfo {
  /** References read through the dead-zone check. */
  readonly checked: ReadonlySet<ts.Identifier>;
  /** Identifiers written by `=`, a compound assignment or `++`/`--` before their declaration may have run. */
  readonly checkedWrites: ReadonlySet<ts.Identifier>;
  /** Per scope node (block, case block, function), the frame fields that start uninitialized. */
  readonly resets: ReadonlyMap<ts.Node, readonly string[]>;
  /** Native-environment bindings whose object starts them uninitialized. */
  readonly deadNative: ReadonlySet<Declaration>;
}

/** `isAssignmentTarget` of the compiler (not in its public typings): `x` in `x = 1`, `[x] = a`, `x++`, `for (x of a)`. */
const isAssignmentTarget = (ts as unknown as { isAssignmentTarget(node: ts.Node): boolean }).isAssignmentTarget;

export function analyzeTdz(scopes: ScopeInfo): TdzInfo {
  const lexical = new Map<Declaration, ts.Node>();
  for (const [name, decls] of scopes.declarations) {
    const d = decls[decls.length - 1]!;
    if (d.slot === undefined && d.native === undefined) continue;
    const decl = lexicalDeclaration(name);
    if (decl !== undefined) lexical.set(d, decl);
  }
  const checked = new Set<ts.Identifier>();
  const checkedWrites = new Set<ts.Identifier>();
  const resets = new Map<ts.Node, string[]>();
  const deadNative = new Set<Declaration>();
  for (const [ref, d] of scopes.resolved) {
    const decl = lexical.get(d);
    if (decl === undefined || scopes.declarations.has(ref)) continue;
    const write = isAssignmentTarget(ref);
    if ((write && !isDirectWrite(ref)) || !mayRunBefore(ref, decl, d)) continue;
    (write ? checkedWrites : checked).add(ref);
    if (d.slot === undefined) {
      deadNative.add(d);
      continue;
    }
    const list = resets.get(d.scope) ?? [];
    if (!list.includes(d.slot)) list.push(d.slot);
    resets.set(d.scope, list);
  }
  return { checked, checkedWrites, resets, deadNative };
}

/** `x` in `x = v`, `x += v`, `x ||= v`, `x++`, `--x` (under parentheses or type-only wrappers), not inside a pattern. */
function isDirectWrite(ref: ts.Identifier): boolean {
  let n: ts.Node = ref;
  while (isOuter(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isBinaryExpression(p)) return p.left === n && isAssignmentOperator(p.operatorToken.kind);
  return (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken);
}

function isOuter(n: ts.Node): boolean {
  return ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isTypeAssertionExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n);
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** The let/const variable declaration or class declaration that a binding name belongs to. */
function lexicalDeclaration(name: ts.Node): ts.Node | undefined {
  if (ts.isClassDeclaration(name.parent) && name.parent.name === name) return name.parent;
  let n: ts.Node = name;
  while (ts.isBindingElement(n.parent) || ts.isObjectBindingPattern(n.parent) || ts.isArrayBindingPattern(n.parent)) n = n.parent;
  const v = n.parent;
  if (!ts.isVariableDeclaration(v) || !ts.isVariableDeclarationList(v.parent)) return undefined;
  if ((v.parent.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0) return undefined;
  // Loop heads initialize their bindings before anything else in the loop runs.
  const owner = v.parent.parent;
  if (ts.isForStatement(owner) || ts.isForInStatement(owner) || ts.isForOfStatement(owner)) return undefined;
  return v;
}

function mayRunBefore(ref: ts.Identifier, decl: ts.Node, d: Declaration): boolean {
  if (ref.pos < decl.end) return true;
  for (let p: ts.Node | undefined = ref.parent; p !== undefined && p !== d.scope && p !== d.owner; p = p.parent) {
    if (ts.isFunctionDeclaration(p)) return true;
  }
  return ts.isCaseBlock(d.scope) && clauseOf(ref, d.scope) !== clauseOf(decl, d.scope);
}

function clauseOf(node: ts.Node, caseBlock: ts.Node): ts.Node | undefined {
  for (let n: ts.Node = node; n.parent !== undefined; n = n.parent) if (n.parent === caseBlock) return n;
  return undefined;
}
