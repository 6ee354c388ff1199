// Explodes an expression that contains an await into statements of the
// listing, keeping JavaScript's left-to-right evaluation order: every operand
// evaluated before an await is saved in a frame temporary (`$f.$tN`), since
// the await may suspend the function and resume it from bytes. Operands
// without an await are rewritten, not exploded.
// This file holds the dispatch over expression kinds and the shared steps
// (awaits, temporaries, assignment targets); calls and optional chains,
// operators, literals and destructuring patterns each have their own file.
// Assumes: `containsAwait` is true for the expression (else it is only rewritten).
import ts = require("typescript");
import { assign, call, isLiteralLike, num, prop, rt, skipOuter, stmt, str } from "./factory.js";
import { awaitOperand, type AwaitOperand } from "./await-operands.js";
import { containsAwait } from "./contains-await.js";
import { checkedUpdate, deadZoneTarget, deadZoneWrite, frameReference, rewriteExpression } from "./rewrite.js";
import { explodeCall, explodeOptionalChain } from "./explode-call.js";
import { explodeBinary, explodeConditional } from "./explode-operators.js";
import { explodeArray, explodeObject, explodeTemplate } from "./explode-literal.js";
import { explodeBindingPattern } from "./explode-destructuring.js";
import { bindingToTarget } from "./binding-to-target.js";
import type { FunctionLowering } from "./lowering-context.js";
import type { Emitter } from "./emitter.js";
import { activeMutant } from "./mutants.js";
import { explodeYield } from "./lower-generator.js";
import { keepSource } from "./source-position.js";

const f = ts.factory;
const SK = ts.SyntaxKind;

export function explodeExpression(fl: FunctionLowering, expr: ts.Expression, ignoreResult = false): ts.Expression {
  return new Exploder(fl).explode(expr, ignoreResult);
}

/** Binds `value` to a declaration's, loop head's or catch clause's name; a pattern that awaits is exploded. */
export function explodeBinding(fl: FunctionLowering, name: ts.BindingName, value: ts.Expression): void {
  if (ts.isIdentifier(name) || !containsAwait(name)) {
    // produces: $f.x = value;  or  ({ a: $f.a } = value);
    fl.em.emitAssign(bindingToTarget(name, (n) => frameReference(fl, n) ?? n, (e) => rewriteExpression(fl, e)), value);
    return;
  }
  const x = new Exploder(fl);
  // An array pattern reads its value once (GetIterator); an object pattern reads it across awaits.
  explodeBindingPattern(x, name, ts.isArrayBindingPattern(name) ? value : x.viaTemp(value, true));
}

/** Assigns `value` to the assignment target of a for-in/of head, evaluated now. */
export function explodeAssignTo(fl: FunctionLowering, target: ts.Expression, value: ts.Expression): void {
  const x = new Exploder(fl);
  const t = skipOuter(target);
  if (ts.isObjectLiteralExpression(t) || ts.isArrayLiteralExpression(t)) x.explode(f.createAssignment(t, value), true);
  else fl.em.emitAssign(x.explodeTarget(target, false), value);
}

/** Awaits `value` at this point (a resume point); the result is the local `$r`. */
export function explodeAwaitOf(fl: FunctionLowering, value: ts.Expression, at: ts.Node, operand: AwaitOperand = "unknown"): ts.Expression {
  return new Exploder(fl).awaitValue(value, at, operand);
}

/** The steps the explode-* files share while exploding one expression. */
export class Exploder {
  constructor(readonly fl: FunctionLowering) {}

  get em(): Emitter {
    return this.fl.em;
  }

  /** The value of `expr` after its statements are emitted; `void 0` when `ignore`. */
  explode(expr: ts.Expression, ignore = false): ts.Expression {
    return keepSource(this.explodeUnmapped(expr, ignore), expr);
  }

  private explodeUnmapped(expr: ts.Expression, ignore: boolean): ts.Expression {
    const done = (e: ts.Expression): ts.Expression => {
      if (ignore) {
        // A discarded `await x;` leaves nothing to evaluate: `$r` is not read.
        if (!isLiteralLike(e) && !ts.isIdentifier(e) && e !== this.em.lastResult) this.em.emit(stmt(e));
        return f.createVoidZero();
      }
      return e;
    };
    if (!containsAwait(expr)) return done(rewriteExpression(this.fl, expr));
    const e = skipOuter(expr);
    if (ts.isAwaitExpression(e)) return done(this.explodeAwait(e));
    if (ts.isYieldExpression(e)) return done(explodeYield(this, e));
    if (ts.isOptionalChain(e)) return done(explodeOptionalChain(this, e, ignore));
    if (ts.isCallExpression(e)) return done(explodeCall(this, e));
    if (ts.isNewExpression(e)) {
      const leaping = (e.arguments ?? []).some(containsAwait);
      const ctor = this.operand(e.expression, leaping);
      return done(f.createNewExpression(ctor, undefined, this.args(e.arguments ?? [], leaping)));
    }
    if (ts.isPropertyAccessExpression(e)) return done(f.createPropertyAccessExpression(this.explode(e.expression), e.name));
    if (ts.isElementAccessExpression(e)) {
      const obj = this.viaTemp(e.expression, containsAwait(e.argumentExpression));
      return done(f.createElementAccessExpression(obj, this.explode(e.argumentExpression)));
    }
    if (ts.isBinaryExpression(e)) return explodeBinary(this, e, ignore);
    if (ts.isConditionalExpression(e)) return explodeConditional(this, e, ignore);
    if (ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) {
      const op = e.operator;
      if (op === SK.PlusPlusToken || op === SK.MinusMinusToken) {
        const target = this.explodeTarget(e.operand as ts.Expression, true);
        const update = ts.isPrefixUnaryExpression(e) ? f.createPrefixUnaryExpression(op, target) : f.createPostfixUnaryExpression(target, op);
        const dead = deadZoneWrite(this.fl, e.operand);
        return done(dead === undefined ? update : checkedUpdate(this.fl, dead, update));
      }
      return done(f.createPrefixUnaryExpression(op as ts.PrefixUnaryOperator, this.explode(e.operand)));
    }
    if (ts.isTypeOfExpression(e)) return done(f.createTypeOfExpression(this.explode(e.expression)));
    if (ts.isVoidExpression(e)) return done(f.createVoidExpression(this.explode(e.expression)));
    if (ts.isDeleteExpression(e)) return done(f.createDeleteExpression(this.explodeTarget(e.expression, true)));
    if (ts.isArrayLiteralExpression(e)) return done(explodeArray(this, e));
    if (ts.isObjectLiteralExpression(e)) return done(explodeObject(this, e));
    if (ts.isTemplateExpression(e)) return done(explodeTemplate(this, e, false));
    if (ts.isTaggedTemplateExpression(e)) {
      const tag = this.operand(e.tag, true);
      const tpl = ts.isTemplateExpression(e.template) ? explodeTemplate(this, e.template, true) : e.template;
      return done(f.createTaggedTemplateExpression(tag, undefined, tpl));
    }
    if (ts.isSpreadElement(e)) return done(f.createSpreadElement(this.explode(e.expression)));
    this.fl.file.report(e, `not supported: await inside ${ts.SyntaxKind[e.kind]}`);
    return done(rewriteExpression(this.fl, e));
  }

  private explodeAwait(e: ts.AwaitExpression): ts.Expression {
    return this.awaitValue(this.explode(e.expression), e, awaitOperand(this.fl, e.expression));
  }

  // produces: $f.$a = X; $f.$pc = N;
  //   case N: $r = await ($k.state === 0 ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
  //           $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);  -> $r
  // The hooks `w` and `r` (runtime/engine/frame.ts) do the bookkeeping of an await; the common case,
  // an ordinary await of a kernel in state Running (0: production mode, no caller's context to
  // give back), needs only the state flipped to WaitingOrdinary (1) and back, which is written
  // inline: calling two hooks cost ~0.1x of native in a loop of awaits, as much as their bodies and
  // the frame together (docs/BENCHMARKS.md). Any other state (a re-entry from bytes, the first await
  // after a call from a frame, the test mode, a durable wait) takes the hooks. `$k` and `$r` are
  // locals of the activation (Emitter.kernelVar); the settled value stays in the local, so nothing
  // writes it into the frame (a store into every function's frame shape from one hook is
  // megamorphic); `$f` is taken again from the kernel after the hooks, because the test mode
  // replaces the frame.
  // What the operand is (await-operands.ts) picks the form:
  // - "plain": the value cannot be the engine's, so the inline wait needs no test of it and the
  //   hook is `$rt.wo`, which skips the check for engine-owned awaitables;
  // - "unknown": only a value that is neither an object nor a function (which the engine never
  //   owns) waits inline;
  // - "call": both halves are the hooks, `$r = await $rt.w($k, $f.$a); $r = $rt.r($k, $r), $f = $k.frame;`.
  awaitValue(value: ts.Expression, at: ts.Node, operand: AwaitOperand = "unknown"): ts.Expression {
    const em = this.em;
    em.emitAssign(em.slot("$a"), value);
    em.at(at);
    const resume = em.loc();
    em.mark(resume);
    em.resumePoints.push(resume);
    const state = (): ts.Expression => prop(em.kernel(), "state");
    const is = (e: ts.Expression, n: number): ts.Expression => f.createStrictEquality(e, num(n));
    const plain = operand === "plain";
    const hook = call(rt(plain ? "wo" : "w"), [em.kernel(), em.slot("$a")]);
    let waited: ts.Expression = hook;
    if (operand !== "call") {
      let inline = is(state(), 0);
      if (!plain) {
        const notType = (type: string): ts.Expression => f.createStrictInequality(f.createTypeOfExpression(em.slot("$a")), str(type));
        inline = f.createLogicalAnd(f.createLogicalAnd(inline, notType("object")), notType("function"));
      }
      waited = f.createConditionalExpression(inline, undefined, f.createComma(assign(state(), num(1)), em.slot("$a")), undefined, hook);
    }
    em.emitAssign(em.result(), f.createAwaitExpression(waited));
    const hooked = f.createComma(assign(em.result(), call(rt("r"), [em.kernel(), em.result()])), assign(em.frame(), prop(em.kernel(), "frame")));
    if (operand === "call") em.emit(stmt(hooked));
    else {
      const stillCurrent = f.createLogicalAnd(is(state(), 1), f.createStrictEquality(prop(rt("context"), "current"), em.frame()));
      em.emit(stmt(f.createConditionalExpression(stillCurrent, undefined, assign(state(), num(0)), undefined, hooked)));
    }
    if (activeMutant() === "await-result-dropped") return em.slot("$a");
    return (em.lastResult = em.result());
  }

  /** Evaluates `child` into a temporary when later operands contain an await. */
  viaTemp(child: ts.Expression, leaping: boolean, temp?: ts.Expression): ts.Expression {
    const r = this.explode(child);
    if (activeMutant() === "skip-operand-temp" && temp === undefined) return r;
    if (temp !== undefined || (leaping && !isLiteralLike(r))) {
      const t = temp ?? this.em.makeTemp();
      this.em.emitAssign(t, r);
      return t;
    }
    return r;
  }

  /** Evaluates `child` into `result`, or only for its effects. */
  into(result: ts.Expression | undefined, child: ts.Expression, ignore: boolean): void {
    if (ignore || result === undefined) this.explode(child, true);
    else this.viaTemp(child, true, result);
  }

  /** An operand read before later operands: native bindings that cannot change (module functions) are read in place. */
  operand(e: ts.Expression, leaping: boolean): ts.Expression {
    const inner = skipOuter(e);
    if (ts.isIdentifier(inner) && frameReference(this.fl, inner) === undefined) return inner;
    return this.viaTemp(e, leaping);
  }

  /**
   * Arguments or array elements, consumed right after the last one: an element
   * is saved only when a later one contains an await. A spread is iterated at
   * its position, as natively.
   */
  args(list: readonly ts.Expression[], leaping: boolean): ts.Expression[] {
    return list.map((a, i) => {
      const later = leaping && list.slice(i + 1).some(containsAwait);
      if (ts.isOmittedExpression(a)) return a;
      if (ts.isSpreadElement(a)) {
        const value = this.explode(a.expression);
        if (!later) return f.createSpreadElement(value);
        // produces: $f.$t0 = [...xs];  ...$f.$t0 used in place
        const t = this.em.makeTemp();
        this.em.emitAssign(t, f.createArrayLiteralExpression([f.createSpreadElement(value)]));
        return f.createSpreadElement(t);
      }
      return this.viaTemp(a, later);
    });
  }

  /** A computed key converted to a property key at its position (`ToPropertyKey`) when later parts await. */
  key(expr: ts.Expression, leaping: boolean): ts.Expression {
    const k = this.explode(expr);
    if (!leaping || isLiteralLike(k)) return k;
    // produces: $f.$t0 = $rt.toKey(k)
    const t = this.em.makeTemp();
    this.em.emitAssign(t, call(rt("toKey"), [k]));
    return t;
  }

  /** A simple assignment target: the object and key are evaluated now, the reference is used later. */
  explodeTarget(target: ts.Expression, leaping: boolean): ts.Expression {
    const t = skipOuter(target);
    if (ts.isIdentifier(t)) return deadZoneTarget(this.fl, t) ?? frameReference(this.fl, t) ?? t;
    if (ts.isPropertyAccessExpression(t)) {
      if (t.expression.kind === SK.SuperKeyword) return rewriteExpression(this.fl, t);
      return f.createPropertyAccessExpression(this.viaTemp(t.expression, leaping), t.name);
    }
    if (ts.isElementAccessExpression(t)) {
      // The key is kept unconverted: the reference converts it when it is written (after the value).
      const obj = this.viaTemp(t.expression, leaping || containsAwait(t.argumentExpression));
      return f.createElementAccessExpression(obj, this.viaTemp(t.argumentExpression, leaping));
    }
    if (!containsAwait(t)) return rewriteExpression(this.fl, t);
    this.fl.file.report(t, `not supported: await inside the assignment target ${ts.SyntaxKind[t.kind]}`);
    return rewriteExpression(this.fl, t);
  }
}
