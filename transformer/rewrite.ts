// Rewrites code that is not exploded (statements and expressions without an
// await of the lowered function) so that it runs inside a case of the
// dispatch switch with the same meaning:
// - references to frame variables become `$f.<slot>` (also from nested
//   closures, which capture the frame variable and so always see the latest frame),
//   or `$f.$eN.<slot>` / `$eN.<slot>` for bindings in a per-iteration environment
//   (environments.ts), which a closure binds when it is created;
// - declarations of frame variables become assignments (function declarations
//   were hoisted by the caller and disappear here);
// - `return x` records the result (`$rt.ret`), or goes through `$rt.abrupt`
//   when a lowered finally must run first;
// - `break`/`continue` whose target is a lowered statement become jumps.
// Loops, switches and labels inside the rewritten code keep native jumps.
import ts = require("typescript");
import { assign, call, id, num, prop, rt, skipOuter, stmt, nullContext } from "./factory.js";
import { bindingToTarget, declarePlain } from "./binding-to-target.js";
import { loweredPromiseCombinator } from "./promise-combinators.js";
import { activeMutant } from "./mutants.js";
import { keepSource } from "./source-position.js";
import { containsAwait, isFunctionBoundary } from "./contains-await.js";
import { bindEnvironments, blockPrelude, enterEnvironment, environmentOf } from "./environment-code.js";
import { lexicalEnvironment, type NativeEnvironment } from "./native-environments.js";
import { enterNativeEnvironment, nativeLoop, nativeReference, withNativeEnvironment } from "./native-environment-code.js";
import { isFieldThisArrow, superHome, liftClosure, liftable, liftableMethod, methodAsExpression, newTargetIsUndefined } from "./lift-closure.js";
import type { FunctionLowering } from "./lowering-context.js";
import { directCall, directClosureOf } from "./direct-closures.js";

const f = ts.factory;

interface Nesting {
  loops: number;
  switches: number;
  labels: readonly string[];
  inNestedFunction: boolean;
}

const TOP: Nesting = { loops: 0, switches: 0, labels: [], inNestedFunction: false };

export function rewriteExpression(fl: FunctionLowering, e: ts.Expression): ts.Expression {
  return visitNode(fl, e, TOP) as ts.Expression;
}

export function rewriteStatement(fl: FunctionLowering, s: ts.Statement): ts.Statement | ts.Statement[] {
  return visitNode(fl, s, TOP) as ts.Statement | ts.Statement[];
}

/**
 * `$f.<slot>` for an identifier that names a frame variable, else undefined.
 * A read that may run in the binding's temporal dead zone (tdz.ts) is checked.
 * produces: $f.x  or  $rt.live($f.x, "x")
 */
export function frameReference(fl: FunctionLowering, node: ts.Identifier): ts.Expression | undefined {
  const d = fl.file.scopes.resolved.get(node);
  // A captured native local lives in its scope's native environment (native-environments.ts).
  // (Not from the parameter list of the function that owns it: defaults run before the object exists, and read the parameter itself.)
  if (d?.native !== undefined) return inParameters(node, d.scope) ? undefined : checkedRead(fl, node, nativeReference(d));
  if (d === undefined || d.slot === undefined || d.owner === undefined) return undefined;
  const fv = fl.file.frameVars.get(d.owner);
  if (fv === undefined) return undefined;
  // The frame of an enclosing durable function: a round trip made while this one ran may have
  // replaced it, so it is looked up through its successor.
  // produces: $rt.fresh($f).x
  const frame = d.env !== undefined ? environmentOf(fl, node, d, fv) : d.owner !== fl.fn ? call(rt("fresh"), [id(fv)]) : id(fv);
  return checkedRead(fl, node, prop(frame, d.slot));
}

function checkedRead(fl: FunctionLowering, node: ts.Identifier, field: ts.Expression): ts.Expression {
  return fl.file.tdz.checked.has(node) ? call(rt("live"), [field, f.createStringLiteral(node.text)]) : field;
}

/** The identifier an assignment or update writes, when the write may run in its dead zone (tdz.ts). */
export function deadZoneWrite(fl: FunctionLowering, target: ts.Expression): ts.Identifier | undefined {
  const t = skipOuter(target);
  return ts.isIdentifier(t) && fl.file.tdz.checkedWrites.has(t) ? t : undefined;
}

/**
 * The store target of `x` in a destructuring pattern or a for-in/of head
 * where `x` may be in its dead zone (tdz.ts): a setter that checks at the store.
 * produces: $rt.deadZoneTarget($f, "x", "x").value
 */
export function deadZoneTarget(fl: FunctionLowering, node: ts.Identifier): ts.Expression | undefined {
  if (!fl.file.tdz.checkedTargets.has(node)) return undefined;
  const field = frameReference(fl, node);
  if (field === undefined || !ts.isPropertyAccessExpression(field)) return undefined;
  return prop(call(rt("deadZoneTarget"), [field.expression, f.createStringLiteral(field.name.text), f.createStringLiteral(node.text)]), "value");
}

/**
 * The value of `x = value` where `x` may be in its dead zone: checked after
 * the value is evaluated, as natively.
 * produces: $rt.liveWrite(value, $f.x, "x")
 */
export function checkedAssignedValue(fl: FunctionLowering, name: ts.Identifier, value: ts.Expression): ts.Expression {
  return call(rt("liveWrite"), [value, frameReference(fl, name)!, f.createStringLiteral(name.text)]);
}

/**
 * A compound assignment or update of `x` where `x` may be in its dead zone:
 * its read comes first and throws.
 * produces: ($rt.live($f.x, "x"), write)
 */
export function checkedUpdate(fl: FunctionLowering, name: ts.Identifier, write: ts.Expression): ts.Expression {
  return f.createParenthesizedExpression(f.createComma(call(rt("live"), [frameReference(fl, name)!, f.createStringLiteral(name.text)]), write));
}

/** Sets the fields of a scope's bindings that start in their dead zone (on every entry of the scope). */
export function resetDeadZone(fl: FunctionLowering, scope: ts.Node): void {
  // Entering the scope also makes its per-iteration environment, which starts its own fields.
  const inEnv = enterEnvironment(fl, scope);
  const slots = fl.file.tdz.resets.get(scope)?.filter((s) => !inEnv.has(s));
  if (slots === undefined || slots.length === 0) return;
  const d = fl.file.frameVars.get(fl.fn)!;
  // produces: $f.x = $f.y = $rt.UNINITIALIZED;
  fl.em.emitAssign(prop(id(d), slots[0]!), slots.slice(1).reduceRight<ts.Expression>((value, slot) => assign(prop(id(d), slot), value), rt("UNINITIALIZED")));
}

/**
 * Assignments for a declaration list of frame variables; undefined when its names are native.
 * `plain` receives the names that have neither a frame field nor a native environment's (a
 * pattern can mix captured and uncaptured bindings): the caller must still declare them.
 */
export function declarationAsAssignment(
  fl: FunctionLowering,
  list: ts.VariableDeclarationList,
  opts: { initializeLet: boolean },
  plain?: ts.Identifier[],
): ts.Expression | undefined | null {
  // A declaration stays one when none of its names lives in the frame or a native environment.
  if (!list.declarations.some((d) => someName(d.name, (n) => frameReference(fl, n) !== undefined))) return undefined;
  const isLet = (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0;
  const parts: ts.Expression[] = [];
  for (const d of list.declarations) {
    const target = bindingToTarget(
      d.name,
      (n) => {
        const ref = frameReference(fl, n);
        if (ref === undefined) plain?.push(n);
        return ref ?? n;
      },
      (x) => rewriteExpression(fl, x),
    );
    if (d.initializer) parts.push(assign(target, rewriteExpression(fl, d.initializer)));
    else if (isLet && opts.initializeLet && activeMutant() !== "let-keeps-old-value") parts.push(assign(target, f.createVoidZero()));
    else if (!ts.isIdentifier(d.name)) parts.push(target);
  }
  if (parts.length === 0) return null;
  return parts.reduce((a, b) => f.createComma(a, b));
}

function someName(name: ts.BindingName, test: (n: ts.Identifier) => boolean): boolean {
  if (ts.isIdentifier(name)) return test(name);
  return name.elements.some((el) => !ts.isOmittedExpression(el) && someName(el.name, test));
}

function firstName(name: ts.BindingName): ts.Identifier | undefined {
  if (ts.isIdentifier(name)) return name;
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    const n = firstName(el.name);
    if (n) return n;
  }
  return undefined;
}

/** `return value` at this point of the lowered function. */
export function returnStatements(fl: FunctionLowering, value: ts.Expression): ts.Statement[] {
  const fr = fl.em.frame();
  if (fl.em.leaps.returnCrossesFinally() && activeMutant() !== "return-skips-finally") {
    // produces: $rt.abrupt($f, 1, value); continue $loop;
    return [stmt(call(rt("abrupt"), [fr, num(1), value])), f.createContinueStatement("$loop")];
  }
  // produces: return $rt.ret($f, value);
  return [f.createReturnStatement(call(rt("ret"), [fr, value]))];
}

/** A break/continue to a lowered statement. */
export function jumpStatements(fl: FunctionLowering, kind: "break" | "continue", label: string | undefined, at: ts.Node): ts.Statement[] {
  const target = fl.em.leaps.target(kind, label);
  if (target === undefined) {
    fl.file.report(at, `cannot lower ${kind}${label ? ` ${label}` : ""}: its target was not found`);
    return [];
  }
  if (target.crossesFinally && activeMutant() !== "break-skips-finally") {
    // produces: $rt.abrupt($f, 3, L); continue $loop;
    return [stmt(call(rt("abrupt"), [fl.em.frame(), num(3), fl.em.locExpr(target.loc)])), f.createContinueStatement("$loop")];
  }
  return fl.em.jumpStatements(target.loc);
}

// Kinds that none of the rewrite's cases below applies to (nor a type node): their children are
// rewritten and nothing else, so they skip the chain of tests, which every node of every
// rewritten statement goes through. (Property and element accesses, binary and unary
// expressions are among them unless their `super`, assignment or ++/-- case applies.)
const SK = ts.SyntaxKind;
const CHILDREN_ONLY = new Uint8Array(SK.Count);
for (const k of [
  SK.ExpressionStatement, SK.IfStatement, SK.ThrowStatement, SK.TryStatement, SK.CatchClause, SK.EmptyStatement, SK.DebuggerStatement,
  SK.CaseBlock, SK.CaseClause, SK.DefaultClause, SK.VariableDeclarationList, SK.VariableDeclaration,
  SK.ArrayBindingPattern, SK.ObjectBindingPattern, SK.BindingElement, SK.OmittedExpression,
  SK.ParenthesizedExpression, SK.ConditionalExpression, SK.ArrayLiteralExpression, SK.PropertyAssignment, SK.SpreadElement, SK.SpreadAssignment, SK.ComputedPropertyName,
  SK.TemplateExpression, SK.TemplateSpan, SK.TemplateHead, SK.TemplateMiddle, SK.TemplateTail, SK.NoSubstitutionTemplateLiteral,
  SK.StringLiteral, SK.NumericLiteral, SK.BigIntLiteral, SK.RegularExpressionLiteral, SK.TrueKeyword, SK.FalseKeyword, SK.NullKeyword, SK.PrivateIdentifier,
  SK.AsExpression, SK.NonNullExpression, SK.SatisfiesExpression, SK.TypeAssertionExpression, SK.TypeOfExpression, SK.VoidExpression, SK.DeleteExpression,
  SK.AwaitExpression, SK.NewExpression,
]) CHILDREN_ONLY[k] = 1;

function childrenOnly(node: ts.Node): boolean {
  if (CHILDREN_ONLY[node.kind] === 1) return true;
  switch (node.kind) {
    case SK.PropertyAccessExpression:
    case SK.ElementAccessExpression:
      return (node as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression.kind !== SK.SuperKeyword;
    case SK.BinaryExpression: {
      const op = (node as ts.BinaryExpression).operatorToken.kind;
      return op < SK.FirstAssignment || op > SK.LastAssignment;
    }
    case SK.PrefixUnaryExpression:
    case SK.PostfixUnaryExpression: {
      const op = (node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression).operator;
      return op !== SK.PlusPlusToken && op !== SK.MinusMinusToken;
    }
  }
  return false;
}

function visitNode(fl: FunctionLowering, node: ts.Node, n: Nesting): ts.Node | ts.Node[] {
  const visitor = (child: ts.Node): ts.Node | ts.Node[] | undefined => visit(child, n);
  // A rewritten node (`$f.x` for `x`, an assignment for a declaration) maps back to the node it replaces.
  const visit = (node: ts.Node, n: Nesting): ts.Node | ts.Node[] | undefined => {
    const out = rewrite(node, n);
    if (Array.isArray(out)) return out.map((o) => keepSource(o, node));
    return out === undefined ? out : keepSource(out as ts.Node, node);
  };
  const rewrite = (node: ts.Node, n: Nesting): ts.Node | ts.Node[] | undefined => {
    if (childrenOnly(node)) return ts.visitEachChild(node, (c) => visit(c, n), nullContext);
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return node;
    // A parameter keeps its name: a native environment copies it on entry.
    if (ts.isIdentifier(node) && node.parent !== undefined && ts.isParameter(node.parent) && node.parent.name === node) return node;
    // A write that may run in the binding's dead zone throws there (tdz.ts).
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const name = deadZoneWrite(fl, node.left);
      if (name !== undefined) {
        const target = visit(node.left, n) as ts.Expression;
        const value = visit(node.right, n) as ts.Expression;
        if (node.operatorToken.kind === ts.SyntaxKind.EqualsToken) return assign(target, checkedAssignedValue(fl, name, value));
        return checkedUpdate(fl, name, f.updateBinaryExpression(node, target, node.operatorToken, value));
      }
    }
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      const name = deadZoneWrite(fl, node.operand);
      if (name !== undefined) return checkedUpdate(fl, name, ts.visitEachChild(node, (c) => visit(c, n), nullContext));
    }
    if (ts.isIdentifier(node)) return deadZoneTarget(fl, node) ?? frameReference(fl, node) ?? (node.text === "arguments" ? lexicalFrameField(fl, node, "$args") ?? nativeLexical(fl, node, "$args") : undefined) ?? node;
    if (node.kind === ts.SyntaxKind.ThisKeyword) return lexicalFrameField(fl, node, "$this") ?? nativeLexical(fl, node, "$this") ?? node;
    // A lowered function is never constructed: its `new.target` (also in its arrows, which may be lifted) is undefined.
    if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.NewKeyword && node.pos >= 0 && newTargetIsUndefined(node, fl.file.lowered)) return f.createVoidZero();
    // `super.m(...)` must receive the frame's `this`, which a round trip may have replaced.
    // produces: $rt.invoke(super.m, $f.$this, [args], "super.m")
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const self = lexicalFrameField(fl, node.expression.expression, "$this");
      if (self !== undefined) {
        const args = f.createArrayLiteralExpression(node.arguments.map((a) => visit(a, n) as ts.Expression));
        const method = superRead(fl, node.expression) ?? node.expression;
        return call(rt("invoke"), [method, self, args, f.createStringLiteral(`super.${node.expression.name.text}`)]);
      }
    }
    // produces: $rt.invoke($rt.superGet(C.prototype, k, $f.$this), $f.$this, [args], "super[...]")
    if (ts.isCallExpression(node) && ts.isElementAccessExpression(node.expression) && node.expression.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const method = superRead(fl, node.expression, (e) => visit(e, n) as ts.Expression);
      if (method !== undefined) {
        const args = f.createArrayLiteralExpression(node.arguments.map((a) => visit(a, n) as ts.Expression));
        return call(rt("invoke"), [method, lexicalFrameField(fl, node.expression.expression, "$this")!, args, f.createStringLiteral("super[...]")]);
      }
    }
    // produces: $rt.superGet(C.prototype, "x", $f.$this)  for super.x inside an arrow of a method (lift-closure.ts)
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const read = superRead(fl, node, (e) => visit(e, n) as ts.Expression);
      if (read !== undefined) return read;
    }
    // produces: $rt.promiseAll(items)  for the global Promise.all (and allSettled, any, race)
    if (ts.isCallExpression(node)) {
      const lowered = loweredPromiseCombinator(fl, node.expression);
      if (lowered !== undefined) return f.updateCallExpression(node, lowered, undefined, node.arguments.map((a) => visit(a, n) as ts.Expression));
    }
    // A closure that is only ever called has no function object: its module-level function is called.
    // produces: $d2_0($f, $f.$e0, args)  (direct-closures.ts)
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const direct = directClosureOf(fl, node.expression);
      if (direct !== undefined) return directCall(fl, direct, node.arguments.map((a) => visit(a, n) as ts.Expression));
    }
    // A plain call of a frame variable must not pass the frame as `this`.
    // produces: (0, $f.g)(args)
    if ((ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) && ts.isIdentifier(skipParens(callee(node)))) {
      const ref = frameReference(fl, skipParens(callee(node)) as ts.Identifier);
      if (ref !== undefined) {
        const detached = f.createParenthesizedExpression(f.createComma(f.createNumericLiteral(0), ref));
        const rest = ts.visitEachChild(node, (c) => (c === callee(node) ? c : visit(c, n)), nullContext);
        return ts.isCallExpression(rest)
          ? f.updateCallExpression(rest, detached, rest.typeArguments, rest.arguments)
          : f.updateTaggedTemplateExpression(rest as ts.TaggedTemplateExpression, detached, (rest as ts.TaggedTemplateExpression).typeArguments, (rest as ts.TaggedTemplateExpression).template);
      }
    }
    if (ts.isShorthandPropertyAssignment(node)) {
      const ref = deadZoneTarget(fl, node.name) ?? frameReference(fl, node.name);
      if (ref !== undefined) {
        const value = node.objectAssignmentInitializer ? assign(ref, visit(node.objectAssignmentInitializer, n) as ts.Expression) : ref;
        return f.createPropertyAssignment(node.name.text, value);
      }
      return ts.visitEachChild(node, (c) => visit(c, n), nullContext);
    }
    if (isFunctionBoundary(node)) {
      if (fl.file.lowered.has(node)) {
        if (ts.isFunctionDeclaration(node) && node.name && frameReference(fl, node.name) !== undefined) return undefined; // hoisted by the enclosing lowering
        const created = fl.file.lowerNested(node as ts.FunctionLikeDeclaration);
        // A durable closure the state can hold: its factory makes the helper (lift-closure.ts).
        if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node) || liftableMethod(node)) && liftable(fl, node as ts.FunctionLikeDeclaration)) {
          if (!ts.isMethodDeclaration(node)) return liftClosure(fl, node, created);
          const helper = call(rt("helper"), [fl.file.descriptorOf(node)!, methodAsExpression(created as unknown as ts.MethodDeclaration)]);
          return f.createPropertyAssignment(node.name, liftClosure(fl, node, helper));
        }
        if (ts.isFunctionDeclaration(node)) {
          // produces: var h = $rt.helper(...);  (a durable helper declared in a nested sync function)
          return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(node.name ?? "$anonymous", undefined, undefined, created)]));
        }
        // A durable closure binds the per-iteration environments it reads (outer-environments.ts).
        return bindEnvironments(fl, node, created);
      }
      if (ts.isFunctionDeclaration(node) && node.name && frameReference(fl, node.name) !== undefined) return undefined; // hoisted
      const inner: Nesting = { loops: 0, switches: 0, labels: [], inNestedFunction: true };
      let rewritten = ts.visitEachChild(node, (c) => visit(c, inner), nullContext);
      const native = fl.file.scopes.nativeEnvs.get(ts.getOriginalNode(node));
      if (native !== undefined) rewritten = withBody(rewritten as ts.FunctionLikeDeclaration, withNativeEnvironment(native, fl.file.tdz.deadNative, (rewritten as ts.FunctionLikeDeclaration).body!, hoistedNativeFunctions(fl, native, (e) => visit(e, inner) as ts.Expression)));
      if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && liftable(fl, node)) return liftClosure(fl, node, rewritten as ts.Expression);
      // produces: sum: $rt.closure($f, $d0, 1)  with the factory  ($f) => ({ sum() {...} }).sum
      if (liftableMethod(node) && liftable(fl, node)) return f.createPropertyAssignment(node.name, liftClosure(fl, node, methodAsExpression(rewritten as ts.MethodDeclaration)));
      if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return bindEnvironments(fl, ts.getOriginalNode(node), rewritten as ts.Expression);
      return rewritten;
    }
    if (ts.isVariableStatement(node)) {
      const plain: ts.Identifier[] = [];
      const e = declarationAsAssignment(fl, node.declarationList, { initializeLet: true }, plain);
      if (e === undefined) return ts.visitEachChild(node, (c) => visit(c, n), nullContext);
      const assignment = e === null ? f.createEmptyStatement() : stmt(e);
      if (plain.length === 0) return assignment;
      // Bindings a closure captures live in the native environment and the others stay locals,
      // declared where the declaration stood (a `const`'s as `let`: the pattern assigns them).
      // produces: let q; [$n0.p = 1, q = 2] = xs;
      return [declarePlain(plain, node.declarationList.flags), assignment];
    }
    if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      const native = fl.file.scopes.nativeEnvs.get(node);
      if (native !== undefined) {
        // Its label (if any) stays on the loop: jumps to it stay native.
        const loop: Nesting = { ...n, loops: n.loops + 1 };
        const body = visit(node.statement, loop) as ts.Statement;
        const expr = (e: ts.Expression | undefined): ts.Expression | undefined => e && (visit(e, n) as ts.Expression);
        return ts.isForStatement(node) ? nativeLoop(native, node, (e) => expr(e)!, body, expr(node.condition), expr(node.incrementor), undefined) : nativeLoop(native, node, (e) => expr(e)!, body, undefined, undefined, expr(node.expression));
      }
      const plain: ts.Identifier[] = [];
      const init = declarationAsAssignment(fl, node.initializer, { initializeLet: false }, plain);
      if (init !== undefined) {
        const target = init === null ? (frameReference(fl, firstName(node.initializer.declarations[0]!.name)!) as ts.Expression) : init;
        const loop: Nesting = { ...n, loops: n.loops + 1, labels: [] };
        const body = visit(node.statement, loop) as ts.Statement;
        let out: ts.Statement;
        if (ts.isForStatement(node)) {
          out = f.updateForStatement(node, target, node.condition && (visit(node.condition, n) as ts.Expression), node.incrementor && (visit(node.incrementor, n) as ts.Expression), body);
        } else if (ts.isForInStatement(node)) out = f.updateForInStatement(node, target, visit(node.expression, n) as ts.Expression, body);
        else out = f.updateForOfStatement(node, node.awaitModifier, target, visit(node.expression, n) as ts.Expression, body);
        // A `var` head whose names a closure partly captures (a plain function's environment): the
        // others are declared before the loop, where a var declaration means the same.
        // produces: var b; for ([$n0.a, b] of xs) ...
        return plain.length === 0 ? out : [declarePlain(plain, node.initializer.flags), out];
      }
    }
    if (ts.isClassDeclaration(node) && node.name && frameReference(fl, node.name) !== undefined) {
      const ref = frameReference(fl, node.name)!;
      // A fresh name node: the declaration's own name resolves to its frame field and would be rewritten.
      const cls = f.createClassExpression(undefined, f.createIdentifier(node.name.text), node.typeParameters, node.heritageClauses, node.members);
      return stmt(assign(ref, bindEnvironments(fl, node, ts.visitEachChild(cls, (c) => visit(c, n), nullContext))));
    }
    if (ts.isClassDeclaration(node) && node.name && n.inNestedFunction === false) {
      // A native class whose members read per-iteration bindings: a `let` (same scope and dead
      // zone as the declaration) of the class expression, wrapped to bind the environments.
      // produces: let C = (($e0) => class C { ... })($f.$e0);
      const cls = f.createClassExpression(node.modifiers?.filter(ts.isDecorator), f.createIdentifier(node.name.text), node.typeParameters, node.heritageClauses, node.members);
      const bound = bindEnvironments(fl, node, cls);
      if (bound !== cls) {
        const value = bindEnvironments(fl, node, ts.visitEachChild(cls, (c) => visit(c, n), nullContext));
        return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(node.name.text, undefined, undefined, value)], ts.NodeFlags.Let));
      }
    }
    if (ts.isBlock(node) && !isFunctionBoundary(node.parent)) {
      const prelude = blockPrelude(fl, node.statements);
      // A catch clause's bindings are copied into their object first in its block, before the
      // block's own object when closures capture bindings of both.
      const native = fl.file.scopes.nativeEnvs.get(node);
      const caught = ts.isCatchClause(node.parent) ? fl.file.scopes.nativeEnvs.get(node.parent) : undefined;
      if (prelude !== undefined || native !== undefined || caught !== undefined) {
        const block = ts.visitEachChild(node, (c) => visit(c, n), nullContext);
        const first = [
          ...(caught !== undefined ? [enterNativeEnvironment(caught, fl.file.tdz.deadNative)] : []),
          ...(native !== undefined ? [enterNativeEnvironment(native, fl.file.tdz.deadNative)] : []),
          ...(prelude !== undefined ? [prelude] : []),
          ...(native !== undefined ? hoistedNativeFunctions(fl, native, (e) => visit(e, n) as ts.Expression) : []),
        ];
        return f.updateBlock(block, [...first, ...block.statements]);
      }
    }
    // A case block's object is made before the switch: its discriminant cannot refer to the case bindings.
    // produces: { const $n0 = { tag: $rt.UNINITIALIZED }; switch (x) { case 1: $n0.tag = ...; } }
    if (ts.isSwitchStatement(node) && fl.file.scopes.nativeEnvs.has(node.caseBlock)) {
      const native = fl.file.scopes.nativeEnvs.get(node.caseBlock)!;
      const inner: Nesting = n.inNestedFunction ? n : { ...n, switches: n.switches + 1 };
      const sw = ts.visitEachChild(node, (c) => visit(c, inner), nullContext);
      return f.createBlock([enterNativeEnvironment(native, fl.file.tdz.deadNative), ...hoistedNativeFunctions(fl, native, (e) => visit(e, n) as ts.Expression), sw], true);
    }
    if (ts.isObjectLiteralExpression(node) || ts.isClassExpression(node)) {
      return bindEnvironments(fl, node, ts.visitEachChild(node, (c) => visit(c, n), nullContext) as ts.Expression);
    }
    if (!n.inNestedFunction) {
      if (ts.isReturnStatement(node)) {
        const value = node.expression ? (visit(node.expression, n) as ts.Expression) : f.createVoidZero();
        const out = returnStatements(fl, value);
        return out.length === 1 ? out[0] : f.createBlock(out, true);
      }
      if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) {
        const label = node.label?.text;
        const kind = ts.isBreakStatement(node) ? "break" : "continue";
        const native = label !== undefined ? n.labels.includes(label) : kind === "break" ? n.loops + n.switches > 0 : n.loops > 0;
        if (native) return node;
        return f.createBlock(jumpStatements(fl, kind, label, node), true);
      }
      if (ts.isIterationStatement(node, false)) {
        return ts.visitEachChild(node, (c) => visit(c, { ...n, loops: n.loops + 1 }), nullContext);
      }
      if (ts.isSwitchStatement(node)) {
        return ts.visitEachChild(node, (c) => visit(c, { ...n, switches: n.switches + 1 }), nullContext);
      }
      if (ts.isLabeledStatement(node)) {
        return ts.visitEachChild(node, (c) => visit(c, { ...n, labels: [...n.labels, node.label.text] }), nullContext);
      }
    }
    return ts.visitEachChild(node, (c) => visit(c, n), nullContext);
  };
  void visitor;
  return visit(node, n) ?? f.createEmptyStatement();
}


/**
 * The function declarations of a block, case block or function body that live
 * in its native environment: made when it is entered, as they are hoisted there, and
 * lifted when they can be (their declarations disappear where they stand).
 * produces: $n0.twice = $rt.closure($f, $d0, 1, $n0);  or  $n0.g = function g() {...};
 */
function hoistedNativeFunctions(fl: FunctionLowering, env: NativeEnvironment, visit: (e: ts.Expression) => ts.Expression): ts.Statement[] {
  const out: ts.Statement[] = [];
  for (const { d, name } of env.declarations) {
    const s = name.parent;
    if (!ts.isFunctionDeclaration(s) || s.name !== name || s.body === undefined) continue;
    let value: ts.Expression;
    if (fl.file.lowered.has(s)) {
      const created = fl.file.lowerNested(s);
      value = liftable(fl, s) ? liftClosure(fl, s, created) : created;
    } else {
      // A fresh name node (the declaration's own resolves to the environment); the declaration stays the original node, which lifting reads scopes through.
      value = visit(ts.setOriginalNode(f.createFunctionExpression(s.modifiers?.filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword), s.asteriskToken, f.createIdentifier(s.name.text), s.typeParameters, s.parameters, s.type, s.body), s));
    }
    out.push(stmt(assign(nativeReference(d), value)));
  }
  return out;
}

/** `this` / `arguments` of a plain function, read in an arrow, from its native environment. produces: $n0.$this */
function nativeLexical(fl: FunctionLowering, node: ts.Node, field: "$this" | "$args"): ts.Expression | undefined {
  if (node.pos < 0 || (field === "$args" && fl.file.scopes.resolved.has(node as ts.Identifier))) return undefined;
  const env = lexicalEnvironment(fl.file.scopes.nativeEnvs, node);
  return env === undefined ? undefined : prop(id(env.name), field);
}

/** `super.x` / `super[k]` written out, where a lifted closure may read it (lift-closure.ts `superHome`). */
function superRead(fl: FunctionLowering, access: ts.PropertyAccessExpression | ts.ElementAccessExpression, visit?: (e: ts.Expression) => ts.Expression): ts.Expression | undefined {
  const home = superHome(access.expression);
  const self = home === undefined ? undefined : lexicalFrameField(fl, access.expression, "$this");
  if (home === undefined || self === undefined) return undefined;
  const cls = id(home.className);
  const target = home.isStatic ? cls : prop(cls, "prototype");
  const key = ts.isPropertyAccessExpression(access) ? f.createStringLiteral(access.name.text) : visit!(access.argumentExpression);
  return call(rt("superGet"), [target, key, self]);
}

/** Whether `node` is inside the parameter list of `scope` (a function-like) or the binding of a catch clause. */
function inParameters(node: ts.Node, scope: ts.Node): boolean {
  if (ts.isCatchClause(scope)) return scope.variableDeclaration !== undefined && node.pos >= scope.variableDeclaration.pos && node.end <= scope.variableDeclaration.end && node.pos >= 0;
  if (!isFunctionBoundary(scope)) return false;
  for (let p: ts.Node | undefined = node.parent; p !== undefined && p !== scope; p = p.parent) if (ts.isParameter(p) && p.parent === scope) return true;
  return false;
}

/** A function-like node with another body. */
function withBody(fn: ts.FunctionLikeDeclaration, body: ts.Block): ts.Node {
  if (ts.isArrowFunction(fn)) return f.updateArrowFunction(fn, fn.modifiers, fn.typeParameters, fn.parameters, fn.type, fn.equalsGreaterThanToken, body);
  if (ts.isFunctionExpression(fn)) return f.updateFunctionExpression(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, body);
  if (ts.isFunctionDeclaration(fn)) return f.updateFunctionDeclaration(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, body);
  if (ts.isMethodDeclaration(fn)) return f.updateMethodDeclaration(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.questionToken, fn.typeParameters, fn.parameters, fn.type, body);
  if (ts.isGetAccessorDeclaration(fn)) return f.updateGetAccessorDeclaration(fn, fn.modifiers, fn.name, fn.parameters, fn.type, body);
  if (ts.isSetAccessorDeclaration(fn)) return f.updateSetAccessorDeclaration(fn, fn.modifiers, fn.name, fn.parameters, body);
  return fn;
}

function callee(node: ts.CallExpression | ts.TaggedTemplateExpression): ts.Expression {
  return ts.isCallExpression(node) ? node.expression : node.tag;
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** The `this` that lowered code passes at `node` (a `super.m(...)` call): the frame's where it keeps one. */
export function thisAt(fl: FunctionLowering, node: ts.Node): ts.Expression {
  return lexicalFrameField(fl, node, "$this") ?? f.createThis();
}

/**
 * `this` and `arguments` of a lowered function whose body awaits live in the
 * frame (`$this`, `$args`): after a round trip the frame holds the copies that
 * the rest of the state refers to. Arrows see those of the function around them.
 */
function lexicalFrameField(fl: FunctionLowering, node: ts.Node, field: "$this" | "$args"): ts.Expression | undefined {
  if (node.pos < 0) return undefined;
  let p: ts.Node | undefined = node.parent;
  while (p !== undefined && !(isFunctionBoundary(p) && !ts.isArrowFunction(p)) && !(isFieldThisArrow(p) && fl.file.lowered.has(p))) {
    if (ts.isClassDeclaration(p) || ts.isClassExpression(p)) return undefined;
    p = p.parent;
  }
  if (p === undefined || !fl.file.lowered.has(p)) return undefined;
  const body = (p as ts.FunctionLikeDeclaration).body;
  if (body === undefined || !containsAwait(body)) return undefined;
  const fv = fl.file.frameVars.get(p);
  if (fv === undefined) return undefined;
  // An enclosing durable function's frame may have been replaced by a round trip (as in frameReference).
  // produces: $f.$this  or  $rt.fresh($f).$this
  return prop(p === fl.fn ? id(fv) : call(rt("fresh"), [id(fv)]), field);
}
