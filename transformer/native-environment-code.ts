// The code of native environments (native-environments.ts decides which
// bindings have one): making the object when its scope is entered, a fresh one
// for each iteration of a loop, and reading a binding through it.
import ts = require("typescript");
import { assign, id, prop, rt } from "./factory.js";
import { bindingToTarget, declarePlain } from "./binding-to-target.js";
import { isCatchBinding, type NativeEnvironment } from "./native-environments.js";
import type { Declaration } from "./scope.js";

const f = ts.factory;

/** produces: $n0.n */
export function nativeReference(d: Declaration): ts.Expression {
  return prop(id(d.native!), d.name);
}

/**
 * The object of a scope's entry: parameters and catch bindings start with
 * their values (the parameter list and the catch clause stay as written), bindings that a reference may reach in
 * their dead zone (`dead`, tdz.ts) uninitialized, everything else undefined.
 * produces: const $n0 = { start: start, n: void 0, late: $rt.UNINITIALIZED };
 */
export function enterNativeEnvironment(env: NativeEnvironment, dead: ReadonlySet<Declaration>): ts.Statement {
  const initial = (d: Declaration, name: ts.Identifier): ts.Expression => (ts.isParameter(name.parent) || isCatchBinding(name) ? f.createIdentifier(name.text) : dead.has(d) ? rt("UNINITIALIZED") : f.createVoidZero());
  const props = env.declarations.map(({ d, name }) => f.createPropertyAssignment(d.name, initial(d, name)));
  // `arguments` is kept as an array, as a durable frame keeps its own: the arguments object (with its
  // `callee` accessor) cannot be saved.
  // produces: $this: this, $args: Array.prototype.slice.call(arguments)  (read by arrows as $n0.$this, $n0.$args)
  if (env.lexical.this) props.push(f.createPropertyAssignment("$this", f.createThis()));
  if (env.lexical.arguments) {
    const slice = f.createPropertyAccessExpression(f.createPropertyAccessExpression(f.createPropertyAccessExpression(f.createIdentifier("Array"), "prototype"), "slice"), "call");
    props.push(f.createPropertyAssignment("$args", f.createCallExpression(slice, undefined, [f.createIdentifier("arguments")])));
  }
  return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(env.name, undefined, undefined, f.createObjectLiteralExpression(props))], ts.NodeFlags.Const));
}

/** A function's body with its environment made first, then its function declarations (`hoisted`); an expression body becomes a block. */
export function withNativeEnvironment(env: NativeEnvironment, dead: ReadonlySet<Declaration>, body: ts.ConciseBody, hoisted: readonly ts.Statement[] = []): ts.Block {
  const first = [enterNativeEnvironment(env, dead), ...hoisted];
  if (ts.isBlock(body)) {
    // Directives ("use strict") must stay first.
    let i = 0;
    while (i < body.statements.length && ts.isExpressionStatement(body.statements[i]!) && ts.isStringLiteral((body.statements[i] as ts.ExpressionStatement).expression)) i++;
    return f.updateBlock(body, [...body.statements.slice(0, i), ...first, ...body.statements.slice(i)]);
  }
  return f.createBlock([...first, f.createReturnStatement(body)], true);
}

/**
 * A loop whose let/const head bindings are captured: one object per
 * iteration. A classic for loop makes the next iteration's object as a copy
 * before the increment (CreatePerIterationEnvironment); for-in/of binds each
 * value into a fresh object at the top of the body.
 * produces: for (let $n0 = { i: void 0 }, $n0$ = ($n0.i = 0); $n0.i < 3; $n0 = { i: $n0.i }, $n0.i++) body
 *           for (const $n0$ of xs) { const $n0 = { x: void 0 }; $n0.x = $n0$; body }
 */
export function nativeLoop(
  env: NativeEnvironment,
  node: ts.ForStatement | ts.ForInStatement | ts.ForOfStatement,
  rewrite: (e: ts.Expression) => ts.Expression,
  body: ts.Statement,
  condition: ts.Expression | undefined,
  incrementor: ts.Expression | undefined,
  iterated: ts.Expression | undefined,
): ts.Statement {
  const list = node.initializer as ts.VariableDeclarationList;
  const value = `${env.name}$`;
  // Head bindings no closure captures stay locals of the loop (declared below), beside the captured ones.
  const plain: ts.Identifier[] = [];
  const target = (n: ts.Identifier): ts.Expression => {
    const d = env.declarations.find((e) => e.name === n)?.d;
    if (d === undefined) plain.push(n);
    return d !== undefined ? prop(id(env.name), d.name) : rewrite(n);
  };
  if (ts.isForStatement(node)) {
    const inits = list.declarations.map((d) => (d.initializer ? assign(bindingToTarget(d.name, target, rewrite), rewrite(d.initializer)) : ts.isIdentifier(d.name) ? assign(target(d.name), f.createVoidZero()) : bindingToTarget(d.name, target, rewrite)));
    // produces: let $n0 = { i: void 0 }, j, $n0$ = ([$n0.i, j] = [0, 1]); ...
    const decls = [f.createVariableDeclaration(env.name, undefined, undefined, fresh(env)), ...plain.map((n) => f.createVariableDeclaration(n.text))];
    if (inits.length > 0) decls.push(f.createVariableDeclaration(value, undefined, undefined, inits.reduce((a, b) => f.createComma(a, b))));
    const copy = assign(id(env.name), f.createObjectLiteralExpression(env.declarations.map(({ d }) => f.createPropertyAssignment(d.name, prop(id(env.name), d.name)))));
    return f.updateForStatement(node, f.createVariableDeclarationList(decls, ts.NodeFlags.Let), condition, incrementor === undefined ? copy : f.createComma(copy, incrementor), body);
  }
  const bind = f.createExpressionStatement(assign(bindingToTarget(list.declarations[0]!.name, target, rewrite), id(value)));
  const statements: ts.Statement[] = [f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(env.name, undefined, undefined, fresh(env))], ts.NodeFlags.Const))];
  // produces: let b;  before  [$n0.a, b] = $n0$;
  if (plain.length > 0) statements.push(declarePlain(plain, ts.NodeFlags.Let));
  statements.push(bind);
  const block = ts.isBlock(body) ? f.updateBlock(body, [...statements, ...body.statements]) : f.createBlock([...statements, body], true);
  const head = f.createVariableDeclarationList([f.createVariableDeclaration(value)], list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const));
  return ts.isForInStatement(node) ? f.updateForInStatement(node, head, iterated!, block) : f.updateForOfStatement(node, node.awaitModifier, head, iterated!, block);
}

function fresh(env: NativeEnvironment): ts.Expression {
  return f.createObjectLiteralExpression(env.declarations.map(({ d }) => f.createPropertyAssignment(d.name, f.createVoidZero())));
}
