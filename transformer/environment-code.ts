// The code of per-iteration environments (environments.ts decides which
// bindings have one): making a fresh environment when its scope is entered,
// copying it for the next iteration of a classic for loop, reading a binding
// through it, and binding the environments a closure captures.
import ts = require("typescript");
import { call, id, prop, rt, stmt, assign } from "./factory.js";
import { outermostFunction } from "./environments.js";
import { nativeName } from "./names.js";
import type { Declaration } from "./scope.js";
import { lexicalEnvironment, nearestLowered } from "./native-environments.js";
import type { FunctionLowering } from "./lowering-context.js";

const f = ts.factory;

/**
 * The object holding a binding that lives in an environment, seen from `ref`.
 * In the scope's own code it is the frame field (the current entry's); inside a
 * closure it is the closure's own parameter, bound when the closure was made.
 * produces: $f.$e0  or  $e0  or  $rt.fresh($f).$e0  (from a nested durable function)
 */
export function environmentOf(fl: FunctionLowering, ref: ts.Identifier, d: Declaration, frameVar: string): ts.Expression {
  if (d.owner !== fl.fn) {
    // A durable closure that bound the environment where it was made reads it from its own frame.
    const own = fl.outerEnvs?.get(d.env!);
    if (own !== undefined) return prop(fl.em.frame(), own);
    return prop(call(rt("fresh"), [id(frameVar)]), d.env!);
  }
  return outermostFunction(ref, d.scope) !== undefined ? id(d.env!) : prop(id(frameVar), d.env!);
}

/**
 * A fresh environment on each entry of its scope; bindings in their dead zone
 * start uninitialized. Returns the fields it initialized, which the caller's
 * dead-zone reset must leave alone.
 * produces: $f.$e0 = { i: undefined, tag: $rt.UNINITIALIZED };
 */
export function enterEnvironment(fl: FunctionLowering, scope: ts.Node): ReadonlySet<string> {
  const env = fl.file.scopes.envs.get(scope);
  if (env === undefined || env.declarations[0]!.owner !== fl.fn) return new Set();
  const dead = new Set(fl.file.tdz.resets.get(scope) ?? []);
  const props = env.declarations.map((d) => f.createPropertyAssignment(d.slot!, dead.has(d.slot!) ? rt("UNINITIALIZED") : f.createVoidZero()));
  fl.em.emitAssign(fl.em.slot(env.name), f.createObjectLiteralExpression(props));
  return new Set(env.declarations.map((d) => d.slot!));
}

/**
 * CreatePerIterationEnvironment of a classic for loop: the next iteration gets
 * its own environment holding the current values (before the increment runs),
 * so closures of the previous iteration keep theirs.
 * produces: $f.$e0 = { i: $f.$e0.i };
 */
export function copyEnvironment(fl: FunctionLowering, scope: ts.Node): void {
  const env = fl.file.scopes.envs.get(scope);
  if (env === undefined || env.declarations[0]!.owner !== fl.fn) return;
  const current = fl.em.slot(env.name);
  const props = env.declarations.map((d) => f.createPropertyAssignment(d.slot!, prop(current, d.slot!)));
  fl.em.emit(stmt(assign(fl.em.slot(env.name), f.createObjectLiteralExpression(props))));
}

/**
 * The environments of this function that a closure refers to, each with the
 * expression that gives the object where the closure is created (the frame
 * field, or a parameter of an enclosing closure that already bound it).
 */
export function capturedEnvironments(fl: FunctionLowering, closure: ts.Node, membersOnly = false): { name: string; value: ts.Expression }[] {
  const out: { name: string; value: ts.Expression }[] = [];
  const walk = (n: ts.Node): void => {
    // `this` / `arguments` of a plain function around the closure, kept in its native environment.
    if (n.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(n) && n.text === "arguments" && !fl.file.scopes.resolved.has(n))) {
      const env = lexicalEnvironment(fl.file.scopes.nativeEnvs, n);
      if (env !== undefined && !isWithin(env.scope, closure) && nearestLowered(env.scope, fl.file.lowered) === fl.fn && !out.some((e) => e.name === env.name)) {
        if (!membersOnly) out.push({ name: env.name, value: id(env.name) });
      }
    }
    if (ts.isIdentifier(n)) {
      const d = fl.file.scopes.resolved.get(n);
      // For an object literal or class: only what its methods, accessors and fields read.
      // A native environment of this function's scopes, made outside the closure: bound by its variable.
      if (d?.native !== undefined && d.nativeHost === fl.fn && !isWithin(d.scope, closure) && !out.some((e) => e.name === d.native)) {
        if (!membersOnly || outermostFunction(n, d.scope)?.parent === closure) out.push({ name: d.native, value: id(d.native) });
      }
      if (d?.env !== undefined && d.owner === fl.fn && (!membersOnly || outermostFunction(n, d.scope)?.parent === closure) && !out.some((e) => e.name === d.env)) {
        const value = outermostFunction(closure, d.scope) !== undefined ? id(d.env) : prop(fl.em.frame(), d.env);
        out.push({ name: d.env, value });
      }
    }
    n.forEachChild(walk);
  };
  walk(closure);
  return out;
}

/**
 * A closure that is not lifted (or an object literal or class whose members
 * read per-iteration bindings) binds the environments it captures by a call
 * made where it is created (those an enclosing closure bound are already in scope).
 * The name it would infer from where it stands is given by a property key, as lifting does.
 * produces: (($e0) => closure)($f.$e0)  or  (($e0) => ({ "f": closure })["f"])($f.$e0)
 */
export function bindEnvironments(fl: FunctionLowering, original: ts.Node, closure: ts.Expression): ts.Expression {
  const members = ts.isObjectLiteralExpression(original) || ts.isClassLike(original);
  const envs = capturedEnvironments(fl, original, members).filter((e) => !ts.isIdentifier(e.value));
  if (envs.length === 0) return closure;
  // An object literal has no name to keep; a class expression has, like a function.
  const name = ts.isObjectLiteralExpression(original) ? undefined : nativeName(original);
  const named = name === undefined ? closure : f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(name), closure)])), f.createStringLiteral(name));
  const params = envs.map((e) => f.createParameterDeclaration(undefined, undefined, e.name));
  const wrapper = f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, params, undefined, undefined, named));
  return call(wrapper, envs.map((e) => e.value));
}

/**
 * A block without an await binds, before anything else runs in it, the
 * environments that its native function declarations capture (they are
 * hoisted: made when the block is entered, which is when the frame fields
 * hold the entry's environments).
 * produces: const $e0 = $f.$e0;  (first statement of the block)
 */
export function blockPrelude(fl: FunctionLowering, statements: readonly ts.Statement[]): ts.Statement | undefined {
  const envs = new Map<string, ts.Expression>();
  for (const s of statements) {
    if (!ts.isFunctionDeclaration(s) || s.name === undefined || fl.file.scopes.declarations.get(s.name)?.[0]?.slot !== undefined) continue;
    for (const e of capturedEnvironments(fl, s)) if (!ts.isIdentifier(e.value) && !envs.has(e.name)) envs.set(e.name, e.value);
  }
  if (envs.size === 0) return undefined;
  const decls = [...envs].map(([name, value]) => f.createVariableDeclaration(name, undefined, undefined, value));
  return f.createVariableStatement(undefined, f.createVariableDeclarationList(decls, ts.NodeFlags.Const));
}

function isWithin(n: ts.Node, ancestor: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p !== undefined; p = p.parent) if (p === ancestor) return true;
  return false;
}
