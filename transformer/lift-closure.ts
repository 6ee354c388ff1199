// Closures declared in a durable body, lifted: made by a factory of the
// function's descriptor from the frame (and the per-iteration environments)
// they capture, so that state can hold them as data (runtime/engine/closures.ts).
// Only closures whose every free variable the factory can reach are lifted.
import ts = require("typescript");
import { call, num, rt } from "./factory.js";
import { nativeName } from "./names.js";
import { containsAwait } from "./contains-await.js";
import { capturedEnvironments } from "./environment-code.js";
import type { FunctionLowering } from "./lowering-context.js";
import type { ScopeInfo } from "./scope.js";

const f = ts.factory;

/**
 * A closure can be lifted (made by a factory from the frame, so that state can
 * hold it) when everything it reads is a field of this function's frame, a
 * module-level binding, a global, or its own: not a native local of an
 * enclosing function, not `super` or `new.target`.
 */
export function liftable(fl: FunctionLowering, node: ts.ArrowFunction | ts.FunctionExpression): boolean {
  return liftableFrom(fl.file.scopes, fl.fn, ts.getOriginalNode(node) as ts.FunctionLikeDeclaration);
}

/** `liftable` from the scope analysis alone (the diagnostics ask it before any lowering). */
export function liftableFrom(scopes: ScopeInfo, fn: ts.FunctionLikeDeclaration, node: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (body === undefined || !containsAwait(body)) return false;
  const self = node;
  let ok = true;
  const walk = (n: ts.Node): void => {
    if (!ok) return;
    if (n.kind === ts.SyntaxKind.SuperKeyword || ts.isMetaProperty(n)) {
      ok = false;
      return;
    }
    if (ts.isIdentifier(n)) {
      const d = scopes.resolved.get(n);
      if (d !== undefined) {
        if (d.slot !== undefined) ok = d.owner === fn;
        else if (d.owner !== undefined) ok = isWithin(d.owner, self);
      }
    }
    n.forEachChild(walk);
  };
  for (const p of node.parameters) walk(p);
  if (node.body !== undefined) walk(node.body);
  return ok;
}

function isWithin(n: ts.Node, ancestor: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p !== undefined; p = p.parent) if (p === ancestor) return true;
  return false;
}

// produces: $rt.closure($f, $d3, 0)   with, in $d3's meta:  closures: [($f) => ({ "add": (y) => $f.x + y })["add"]]
// With per-iteration environments: $rt.closure($f, $d3, 0, $f.$e0)  and  ($f, $e0) => ...,
// or for several  $rt.closure($f, $d3, 0, [$f.$e0, $e1])  and  ($f, [$e0, $e1]) => ...
export function liftClosure(fl: FunctionLowering, original: ts.Node, closure: ts.Expression): ts.Expression {
  const name = nativeName(ts.getOriginalNode(original));
  const named = name === undefined ? closure : f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(name), closure)])), f.createStringLiteral(name));
  const envs = capturedEnvironments(fl, ts.getOriginalNode(original));
  const params = [f.createParameterDeclaration(undefined, undefined, fl.em.frameVar)];
  const args = [fl.em.frame(), fl.descriptor, num(fl.closures.length)];
  if (envs.length === 1) {
    params.push(f.createParameterDeclaration(undefined, undefined, envs[0]!.name));
    args.push(envs[0]!.value);
  } else if (envs.length > 1) {
    const pattern = f.createArrayBindingPattern(envs.map((e) => f.createBindingElement(undefined, undefined, e.name)));
    params.push(f.createParameterDeclaration(undefined, undefined, pattern));
    args.push(f.createArrayLiteralExpression(envs.map((e) => e.value)));
  }
  fl.closures.push(f.createArrowFunction(undefined, undefined, params, undefined, undefined, named));
  return call(rt("closure"), args);
}
