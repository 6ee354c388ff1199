// Closures declared in a durable body, lifted: made by a factory of the
// function's descriptor from the frame (and the environments) they capture,
// so that state can hold them as data (runtime/engine/closures.ts). Lifted are
// arrows, function expressions and object-literal methods, sync or durable (a
// durable one's factory makes its helper wrapper: `$rt.helper($d1, ...)`), and
// function declarations hoisted into the frame. Only closures whose every free
// variable the factory can reach are lifted.
import ts = require("typescript");
import { call, num, rt } from "./factory.js";
import { nativeName } from "./names.js";
import { containsAwait, isFunctionBoundary } from "./contains-await.js";
import { capturedEnvironments } from "./environment-code.js";
import { directClosureFor } from "./direct-closures.js";
import type { FunctionLowering } from "./lowering-context.js";
import type { ScopeInfo } from "./scope.js";
import { lexicalEnvironment, lexicalProvider, nearestLowered } from "./native-environments.js";

const f = ts.factory;

/** What a closure reads that keeps it from being lifted, for the diagnostic and the docs. */
export type LiftBlocker = { kind: "super" | "new.target" } | { kind: "local"; name: string; node: ts.Node } | { kind: "this" | "arguments"; node: ts.Node };

/**
 * A closure can be lifted (made by a factory from the frame, so that state can
 * hold it) when everything it reads is a field of this function's frame (or of
 * an environment it binds), a module-level binding, a global, or its own: not a
 * native local of an enclosing function, not `this` or `arguments` of an
 * enclosing function other than this one, not `super` or `new.target`.
 */
export function liftable(fl: FunctionLowering, node: ts.FunctionLikeDeclaration): boolean {
  return liftableFrom(fl.file.scopes, fl.fn, ts.getOriginalNode(node) as ts.FunctionLikeDeclaration, fl.file.lowered);
}

/** `liftable` from the scope analysis alone (the diagnostics ask it before any lowering). */
export function liftableFrom(scopes: ScopeInfo, fn: ts.FunctionLikeDeclaration, node: ts.FunctionLikeDeclaration, lowered: ReadonlySet<ts.Node>): boolean {
  return liftBlocker(scopes, fn, node, lowered) === undefined;
}

/** The first thing that keeps `node` (a closure in `fn`) from being lifted, undefined when it can be. */
export function liftBlocker(scopes: ScopeInfo, fn: ts.FunctionLikeDeclaration, node: ts.FunctionLikeDeclaration, lowered: ReadonlySet<ts.Node>): LiftBlocker | undefined {
  const body = fn.body;
  if (body === undefined || !containsAwait(body)) return { kind: "local", name: "", node };
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node) && !ts.isFunctionDeclaration(node) && !liftableMethod(node)) return { kind: "local", name: "", node };
  const self = node;
  let found: LiftBlocker | undefined;
  const walk = (n: ts.Node): void => {
    if (found !== undefined) return;
    // A sync closure's `super.x` reads are written out (`superHome`); a durable closure's calls may be exploded around awaits, which keep `super`.
    if (n.kind === ts.SyntaxKind.SuperKeyword && (superHome(n) === undefined || lowered.has(self))) {
      found = { kind: "super" };
      return;
    }
    if (ts.isMetaProperty(n)) {
      found = { kind: "new.target" };
      return;
    }
    if (n.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(n) && n.text === "arguments" && !scopes.resolved.has(n))) {
      // Lexical `this`/`arguments`: the closure's own, or this frame's (`$f.$this`), nothing else.
      // Or a plain function's, kept in its native environment (native-environments.ts).
      const provider = lexicalProvider(n);
      const kept = lexicalEnvironment(scopes.nativeEnvs, n);
      if (provider !== undefined && !isWithin(provider, self) && !(provider === fn && lowered.has(fn)) && !(kept !== undefined && nearestLowered(provider, lowered) === fn)) {
        found = { kind: n.kind === ts.SyntaxKind.ThisKeyword ? "this" : "arguments", node: n };
        return;
      }
    }
    if (ts.isIdentifier(n)) {
      const d = scopes.resolved.get(n);
      if (d !== undefined && d.owner !== undefined) {
        // A native local is reachable when it lives in an environment of this function (native-environments.ts).
        const ok = d.slot !== undefined ? d.owner === fn || isWithin(d.owner, self) : isWithin(d.owner, self) || (d.native !== undefined && d.nativeHost === fn);
        if (!ok) {
          found = { kind: "local", name: n.text, node: n };
          return;
        }
      }
    }
    n.forEachChild(walk);
  };
  for (const p of node.parameters) walk(p);
  if (node.body !== undefined) walk(node.body);
  return found;
}

/** An object-literal method that can stand alone as a property value: not an accessor, a plain key, not `__proto__`. */
export function liftableMethod(node: ts.Node): node is ts.MethodDeclaration {
  if (!ts.isMethodDeclaration(node) || !ts.isObjectLiteralExpression(node.parent)) return false;
  const key = node.name;
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key) && !ts.isNumericLiteral(key)) return false;
  return key.text !== "__proto__";
}

function isWithin(n: ts.Node, ancestor: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p !== undefined; p = p.parent) if (p === ancestor) return true;
  return false;
}

// produces: $rt.closure($f, $d3, 0)   with, in $d3's meta:  closures: [($f) => ({ "add": (y) => $f.x + y })["add"]]
// With per-iteration environments: $rt.closure($f, $d3, 0, $f.$e0)  and  ($f, $e0) => ...,
// or for several  $rt.closure($f, $d3, 0, [$f.$e0, $e1])  and  ($f, [$e0, $e1]) => ...
// A durable closure's factory makes its helper (which already carries the name):
// closures: [($f) => $rt.helper($d4, async (n) => {...}, "fetchOne")]
// An object-literal method is taken from a literal of its own, which keeps it a method:
// closures: [($f) => ({ sum() {...} }).sum]
export function liftClosure(fl: FunctionLowering, original: ts.Node, closure: ts.Expression): ts.Expression {
  const source = ts.getOriginalNode(original);
  const durable = fl.file.lowered.has(source);
  const name = durable || ts.isMethodDeclaration(source) || ts.isFunctionDeclaration(source) ? undefined : nativeName(source);
  const named = name === undefined ? closure : f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(name), closure)])), f.createStringLiteral(name));
  const envs = capturedEnvironments(fl, source);
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
  const direct = durable ? undefined : directClosureFor(fl, source);
  if (direct !== undefined && ts.isArrowFunction(closure)) {
    // Only ever called: no closure is made, calls go to a module-level function (direct-closures.ts).
    // produces: const $d2_0 = ({ "scale": ($f, $e0, x) => x * 2 + $e0.i })["scale"];  and here  void 0
    const leading = [fl.em.frameVar, ...direct.envs].map((n) => f.createParameterDeclaration(undefined, undefined, n));
    const fn = f.createArrowFunction(closure.modifiers, closure.typeParameters, [...leading, ...closure.parameters], closure.type, closure.equalsGreaterThanToken, closure.body);
    const value = name === undefined ? fn : f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createStringLiteral(name), fn)])), f.createStringLiteral(name));
    fl.direct.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(direct.name, undefined, undefined, value)], ts.NodeFlags.Const)));
    return f.createVoidZero();
  }
  return call(rt("closure"), args);
}

/**
 * An object-literal method as an expression of the same function: taken from a
 * literal of its own (so it stays a method: no prototype, not a constructor,
 * its name), for `liftClosure`.
 * produces: ({ sum() {...} }).sum  or  ({ "a b"() {...} })["a b"]
 */
export function methodAsExpression(method: ts.MethodDeclaration): ts.Expression {
  const key = method.name as ts.Identifier | ts.StringLiteral | ts.NumericLiteral;
  const literal = f.createParenthesizedExpression(f.createObjectLiteralExpression([method]));
  return ts.isIdentifier(key) ? f.createPropertyAccessExpression(literal, key.text) : f.createElementAccessExpression(literal, f.createStringLiteral(key.text));
}

/**
 * A durable arrow that is the initializer of a field of a module-level class
 * and reads `this` (the instance, or the class for a static field): its `this`
 * is its environment. It is lifted into its own descriptor, the field made by
 * `$rt.closure(null, $dN, k, this)`, and its body reads `this` from its frame
 * (`$f.$this`, set on entry from the factory's `$self`), so that a resume keeps
 * it the same object as the rest of the state's. Not when the body uses
 * `super` or a `#private` name, which only the class body can reach.
 */
export function isFieldThisArrow(node: ts.Node): node is ts.ArrowFunction {
  if (!ts.isArrowFunction(node) || !ts.isPropertyDeclaration(node.parent) || node.parent.initializer !== node) return false;
  const cls = node.parent.parent;
  if (!ts.isClassDeclaration(cls) || cls.name === undefined || !ts.isSourceFile(cls.parent)) return false;
  let usesThis = false;
  let blocked = false;
  const walk = (n: ts.Node): void => {
    if (blocked) return;
    if (isFunctionBoundary(n) && !ts.isArrowFunction(n)) return;
    if (n.kind === ts.SyntaxKind.SuperKeyword || ts.isPrivateIdentifier(n) || ts.isMetaProperty(n)) blocked = true;
    else if (n.kind === ts.SyntaxKind.ThisKeyword) usesThis = true;
    n.forEachChild(walk);
  };
  walk(node.body);
  for (const p of node.parameters) walk(p);
  return usesThis && !blocked;
}

/**
 * The class and placement of a `super.x` / `super[k]` read that a closure can
 * make without `super`: inside an arrow in a method of a class declared at
 * module level under a name, read (not written, not called as `super(...)`).
 * The read becomes `$rt.superGet(C.prototype, "x", $f.$this)` (`C` for a static method).
 */
export function superHome(n: ts.Node): { className: string; isStatic: boolean } | undefined {
  const access = n.parent;
  if (access === undefined || !(ts.isPropertyAccessExpression(access) || ts.isElementAccessExpression(access)) || access.expression !== n) return undefined;
  if (isWritten(access)) return undefined;
  let inArrow = false;
  let home: ts.Node | undefined;
  for (let p: ts.Node | undefined = access.parent; p !== undefined; p = p.parent) {
    if (ts.isArrowFunction(p)) inArrow = true;
    else if (isFunctionBoundary(p) || ts.isClassLike(p)) {
      home = p;
      break;
    }
  }
  if (!inArrow || home === undefined || !ts.isMethodDeclaration(home)) return undefined;
  const cls = home.parent;
  if (!ts.isClassDeclaration(cls) || cls.name === undefined || !ts.isSourceFile(cls.parent)) return undefined;
  const isStatic = (ts.getCombinedModifierFlags(home) & ts.ModifierFlags.Static) !== 0;
  return { className: cls.name.text, isStatic };
}

function isWritten(e: ts.Expression): boolean {
  let n: ts.Node = e;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  if (ts.isDeleteExpression(p)) return true;
  // A destructuring target or a for-in/of head.
  if (ts.isArrayLiteralExpression(p) || ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p)) return true;
  if ((ts.isForInStatement(p) || ts.isForOfStatement(p)) && p.initializer === n) return true;
  return false;
}
