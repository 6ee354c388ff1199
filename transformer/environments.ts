// Per-iteration bindings of frame variables that closures capture.
//
// Natively each entry of a loop body, each iteration of a loop head and each
// run of a switch's case block makes fresh let/const bindings, and a closure
// keeps the bindings of the entry that created it. A frame field is one
// binding for the whole activation, so the slotted block-scoped declarations
// of such a scope that a nested function refers to are moved into an
// environment: a plain object in a frame field (`$f.$e0 = { i: undefined }`),
// made afresh on every entry of the scope, and read as `$f.$e0.i`. A closure
// binds the environment object it was created with, not the frame field that
// the next entry reassigns. Being a plain object, the state codec writes it
// with shared identity, so closures and the frame still share it after a resume.
// Declarations that no closure captures stay plain frame fields: ordinary
// loops pay nothing.
// Leaves alone (they keep one binding per activation, as before):
// declarations referred to from a function that cannot be wrapped to bind the
// environment: a function declaration directly in a case clause of a switch
// without an await (it is hoisted to the whole case block), as the outermost
// function between the reference and the scope.
import ts = require("typescript");
import { isFunctionBoundary } from "./contains-await.js";
import type { Declaration } from "./scope.js";

export interface Environment {
  /** The frame field holding the current entry's object (`$e0`). */
  readonly name: string;
  /** The declarations it holds, in declaration order. */
  readonly declarations: Declaration[];
}

/**
 * The outermost function between a reference and the scope of its declaration,
 * undefined when the reference is in the scope's own function. A function
 * declaration's own name belongs to the enclosing scope, not to the function.
 */
export function outermostFunction(ref: ts.Node, scope: ts.Node): ts.Node | undefined {
  let found: ts.Node | undefined;
  for (let p: ts.Node | undefined = ref.parent; p !== undefined && p !== scope; p = p.parent) {
    if (isFunctionBoundary(p) && !(ts.isFunctionDeclaration(p) && p.name === ref)) found = p;
  }
  return found;
}

/** Scopes that are entered more than once per activation: loop heads, case blocks, blocks and catch clauses inside a loop. */
function reentered(scope: ts.Node, owner: ts.Node): boolean {
  if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope) || ts.isCaseBlock(scope)) return true;
  if (!ts.isBlock(scope) && !ts.isCatchClause(scope)) return false;
  for (let p = scope.parent; p !== undefined && p !== owner; p = p.parent) if (ts.isIterationStatement(p, false)) return true;
  return false;
}

function isBlockScoped(name: ts.Node): boolean {
  if (ts.isClassDeclaration(name.parent) || ts.isFunctionDeclaration(name.parent)) return true;
  let n: ts.Node = name;
  while (ts.isBindingElement(n.parent) || ts.isObjectBindingPattern(n.parent) || ts.isArrayBindingPattern(n.parent)) n = n.parent;
  if (ts.isVariableDeclaration(n.parent) && ts.isCatchClause(n.parent.parent)) return true;
  const list = n.parent?.parent;
  return list !== undefined && ts.isVariableDeclarationList(list) && (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0;
}

/**
 * Marks the declarations that go into environments (`Declaration.env`), takes
 * their fields out of the frame's slot list and puts the environment fields in.
 * Returns the environment of each scope that has one.
 */
export function assignEnvironments(
  resolved: ReadonlyMap<ts.Identifier, Declaration>,
  declarations: ReadonlyMap<ts.Node, Declaration[]>,
  slots: Map<ts.Node, string[]>,
  lowered: ReadonlySet<ts.Node>,
): Map<ts.Node, Environment> {
  const hoisted = (fn: ts.Node): boolean => ts.isFunctionDeclaration(fn) && fn.name !== undefined && (declarations.get(fn.name)?.[0]?.slot !== undefined);
  // Members of an object literal or a class: the literal or class is wrapped instead (a class
  // declaration becomes an assignment or a `let` of a class expression).
  const wrappableMember = (fn: ts.Node): boolean => ts.isObjectLiteralExpression(fn.parent) || ts.isClassExpression(fn.parent) || (ts.isClassDeclaration(fn.parent) && fn.parent.name !== undefined);
  const captured = new Set<Declaration>();
  const unwrappable = new Set<Declaration>();
  for (const [ref, d] of resolved) {
    if (d.slot === undefined || d.owner === undefined || !lowered.has(d.owner) || d.scope === d.owner) continue;
    const fn = outermostFunction(ref, d.scope);
    if (fn === undefined) continue;
    // A nested durable closure binds the environments where it is made and keeps them in its
    // frame (outer-environments.ts); other nested durable functions read the frame through
    // `$rt.fresh`: they see the current entry.
    if (lowered.has(fn) && !ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) continue;
    // A native function declaration in a block gets the environments from the block's first statement.
    const inBlock = ts.isFunctionDeclaration(fn) && ts.isBlock(fn.parent);
    if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || hoisted(fn) || inBlock || wrappableMember(fn)) captured.add(d);
    else unwrappable.add(d);
  }
  const envs = new Map<ts.Node, Environment>();
  const counts = new Map<ts.Node, number>();
  const seen = new Set<Declaration>();
  for (const [name, list] of declarations) {
    const d = list[list.length - 1]!;
    if (seen.has(d) || !captured.has(d) || unwrappable.has(d) || !reentered(d.scope, d.owner!) || !isBlockScoped(name)) continue;
    seen.add(d);
    let env = envs.get(d.scope);
    if (env === undefined) {
      const n = counts.get(d.owner!) ?? 0;
      counts.set(d.owner!, n + 1);
      env = { name: `$e${n}`, declarations: [] };
      envs.set(d.scope, env);
      const own = slots.get(d.owner!)!;
      // The environment field takes the place of its first variable in the frame layout.
      own.splice(own.indexOf(d.slot!), 0, env.name);
    }
    env.declarations.push(d);
    d.env = env.name;
    const own = slots.get(d.owner!)!;
    own.splice(own.indexOf(d.slot!), 1);
  }
  return envs;
}
