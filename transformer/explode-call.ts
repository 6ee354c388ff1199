// Calls and optional chains that contain an await. Native order is kept: the
// callee's object, its key, the method lookup, then the arguments, then the
// call with the right `this`. When an argument awaits, the looked-up function
// and its receiver are saved and the call goes through `$rt.invoke`, whose
// error for a non-callable names the callee as written (a const bound to a
// function is called directly: callable-bindings.ts). Optional chains become
// explicit null checks and jumps, so that the links they skip never run.
import ts = require("typescript");
import { assign, call, num, rt, skipOuter, stmt, str } from "./factory.js";
import { alwaysCallable } from "./callable-bindings.js";
import { directCall, directClosureOf } from "./direct-closures.js";
import { containsAwait } from "./contains-await.js";
import { frameReference, rewriteExpression, thisAt } from "./rewrite.js";
import type { Exploder } from "./explode-expression.js";
import type { FunctionLowering } from "./lowering-context.js";
import { loweredPromiseCombinator } from "./promise-combinators.js";

const f = ts.factory;
const SK = ts.SyntaxKind;

export function explodeCall(x: Exploder, e: ts.CallExpression): ts.Expression {
  const callee = skipOuter(e.expression);
  const leaping = e.arguments.some(containsAwait);
  const isMember = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee);
  // The global Promise.all and its siblings are lowered here too, or an await among the items
  // would leave the native combinator, whose promise a suspension cannot save.
  // produces: $rt.promiseAll([items])
  const combinator = loweredPromiseCombinator(x.fl, callee);
  if (combinator !== undefined) return f.createCallExpression(combinator, undefined, x.args(e.arguments, leaping));
  if (isMember && callee.expression.kind !== SK.SuperKeyword) {
    // Native order: the object, the key, the method lookup, then the arguments.
    const obj = x.viaTemp(callee.expression, true);
    const member = ts.isPropertyAccessExpression(callee)
      ? f.createPropertyAccessExpression(obj, callee.name)
      : f.createElementAccessExpression(obj, x.viaTemp(callee.argumentExpression, true));
    if (!leaping) return f.createCallExpression(member, undefined, x.args(e.arguments, false));
    const fn = x.viaTemp(member, true);
    const args = f.createArrayLiteralExpression(x.args(e.arguments, true));
    // produces: $rt.invoke(fn, obj, [args], "o.m")
    return call(rt("invoke"), [fn, obj, args, str(calleeText(x.fl, callee))]);
  }
  if (isMember && (leaping || containsAwait(callee))) {
    // `super.m(await x)`: the method is looked up before the arguments, then called with `this`.
    // produces: $f.$t0 = super.m; ...; $rt.invoke($f.$t0, $f.$this, [args], "super.m")
    const member = ts.isPropertyAccessExpression(callee)
      ? f.createPropertyAccessExpression(f.createSuper(), callee.name)
      : f.createElementAccessExpression(f.createSuper(), x.viaTemp(callee.argumentExpression, true));
    const fn = x.viaTemp(member, true);
    const args = f.createArrayLiteralExpression(x.args(e.arguments, true));
    return call(rt("invoke"), [fn, thisAt(x.fl, callee.expression), args, str(calleeText(x.fl, callee))]);
  }
  // `import(await x)`: import is no value to save; the specifier and options are evaluated first.
  // produces: import($r)
  if (callee.kind === SK.ImportKeyword) return f.createCallExpression(e.expression, undefined, x.args(e.arguments, leaping));
  if (callee.kind === SK.SuperKeyword || isMember) {
    return f.createCallExpression(rewriteExpression(x.fl, e.expression), undefined, x.args(e.arguments, leaping));
  }
  if (ts.isIdentifier(callee) && frameReference(x.fl, callee) === undefined) {
    return f.createCallExpression(callee, undefined, x.args(e.arguments, leaping));
  }
  // A closure that is only ever called: nothing to evaluate before the arguments (direct-closures.ts).
  // produces: $d2_0($f, $f.$e0, args)
  const direct = ts.isIdentifier(e.expression) ? directClosureOf(x.fl, e.expression) : undefined;
  if (direct !== undefined) return directCall(x.fl, direct, x.args(e.arguments, leaping));
  const fn = x.viaTemp(e.expression, true);
  if (ts.isIdentifier(callee) && alwaysCallable(x.fl.file.scopes, callee)) {
    // produces: (0, $f.$t0)(args)   (no receiver, as in the plain call)
    return f.createCallExpression(f.createParenthesizedExpression(f.createComma(num(0), fn)), undefined, x.args(e.arguments, true));
  }
  const args = f.createArrayLiteralExpression(x.args(e.arguments, true));
  // produces: $rt.invoke(fn, undefined, [args], "f")
  return call(rt("invoke"), [fn, f.createVoidZero(), args, str(calleeText(x.fl, callee))]);
}

// An optional chain whose links contain awaits, as explicit checks:
// produces: cur = root; if (cur == null) { result = undefined; jump end } cur = cur.b; ... end:
export function explodeOptionalChain(x: Exploder, e: ts.Expression, ignore: boolean): ts.Expression {
  const em = x.em;
  const links: ts.Expression[] = [];
  let n: ts.Expression = e;
  while (ts.isOptionalChain(n) || ts.isNonNullChain(n)) {
    links.unshift(n);
    n = (n as ts.PropertyAccessExpression).expression;
  }
  const result = em.makeTemp();
  const end = em.loc();
  let cur = x.viaTemp(n, true);
  let self: ts.Expression = f.createVoidZero();
  for (const link of links) {
    if (ts.isNonNullExpression(link)) continue;
    const optional = (link as ts.PropertyAccessExpression).questionDotToken !== undefined;
    if (optional) {
      em.emit(f.createIfStatement(f.createBinaryExpression(cur, SK.EqualsEqualsToken, f.createNull()), f.createBlock([stmt(assign(result, f.createVoidZero())), ...em.jumpStatements(end)], true)));
    }
    const next = em.makeTemp();
    if (ts.isPropertyAccessExpression(link)) {
      em.emitAssign(next, f.createPropertyAccessExpression(cur, link.name));
      self = cur;
    } else if (ts.isElementAccessExpression(link)) {
      em.emitAssign(next, f.createElementAccessExpression(cur, x.explode(link.argumentExpression)));
      self = cur;
    } else if (ts.isCallExpression(link)) {
      const args = f.createArrayLiteralExpression(x.args(link.arguments, true));
      em.emitAssign(next, call(rt("invoke"), [cur, self, args, str(calleeText(x.fl, link.expression))]));
      self = f.createVoidZero();
    }
    cur = next;
  }
  em.emitAssign(result, cur);
  em.mark(end);
  return ignore ? f.createVoidZero() : result;
}

/** The callee as written, for the error of a non-callable. */
export function calleeText(fl: FunctionLowering, callee: ts.Expression): string {
  if (callee.pos < 0) return "expression";
  try {
    return callee.getText(fl.file.sourceFile);
  } catch {
    return "expression";
  }
}
