// Explodes an expression that contains an await into statements of the
// listing, keeping JavaScript's left-to-right evaluation order: every operand
// evaluated before an await is saved in a frame temporary (`$f.$tN`), since
// the await may suspend the function and resume it from bytes. Operands
// without an await are rewritten, not exploded. Short-circuiting operators,
// the conditional operator and optional chains become jumps so that the
// operands they skip are never evaluated.
// Assumes: `containsAwait` is true for the expression (else it is only rewritten).
import ts from "typescript";
import { assign, call, isLiteralLike, rt, skipOuter, stmt, str } from "./factory.js";
import { containsAwait } from "./contains-await.js";
import { frameReference, rewriteExpression } from "./rewrite.js";
import type { FunctionLowering } from "./lowering-context.js";

const f = ts.factory;
const SK = ts.SyntaxKind;

const COMPOUND: Partial<Record<ts.SyntaxKind, ts.BinaryOperator>> = {
  [SK.PlusEqualsToken]: SK.PlusToken,
  [SK.MinusEqualsToken]: SK.MinusToken,
  [SK.AsteriskEqualsToken]: SK.AsteriskToken,
  [SK.AsteriskAsteriskEqualsToken]: SK.AsteriskAsteriskToken,
  [SK.SlashEqualsToken]: SK.SlashToken,
  [SK.PercentEqualsToken]: SK.PercentToken,
  [SK.LessThanLessThanEqualsToken]: SK.LessThanLessThanToken,
  [SK.GreaterThanGreaterThanEqualsToken]: SK.GreaterThanGreaterThanToken,
  [SK.GreaterThanGreaterThanGreaterThanEqualsToken]: SK.GreaterThanGreaterThanGreaterThanToken,
  [SK.AmpersandEqualsToken]: SK.AmpersandToken,
  [SK.BarEqualsToken]: SK.BarToken,
  [SK.CaretEqualsToken]: SK.CaretToken,
};

export function explodeExpression(fl: FunctionLowering, expr: ts.Expression, ignoreResult = false): ts.Expression {
  return new ExpressionExploder(fl).explode(expr, ignoreResult);
}

class ExpressionExploder {
  constructor(private readonly fl: FunctionLowering) {}

  private get em() {
    return this.fl.em;
  }

  explode(expr: ts.Expression, ignore = false): ts.Expression {
    const done = (e: ts.Expression): ts.Expression => {
      if (ignore) {
        if (!isLiteralLike(e) && !ts.isIdentifier(e)) this.em.emit(stmt(e));
        return f.createVoidZero();
      }
      return e;
    };
    if (!containsAwait(expr)) return done(rewriteExpression(this.fl, expr));
    const e = skipOuter(expr);
    if (ts.isAwaitExpression(e)) return done(this.explodeAwait(e));
    if (ts.isOptionalChain(e)) return done(this.explodeOptionalChain(e, ignore));
    if (ts.isCallExpression(e)) return done(this.explodeCall(e));
    if (ts.isNewExpression(e)) {
      const parts = [e.expression, ...(e.arguments ?? [])];
      const leaping = parts.some(containsAwait);
      const ctor = this.operand(e.expression, leaping);
      return done(f.createNewExpression(ctor, undefined, this.args(e.arguments ?? [], leaping)));
    }
    if (ts.isPropertyAccessExpression(e)) return done(f.createPropertyAccessExpression(this.explode(e.expression), e.name));
    if (ts.isElementAccessExpression(e)) {
      const leaping = containsAwait(e.argumentExpression);
      const obj = this.viaTemp(e.expression, leaping);
      return done(f.createElementAccessExpression(obj, this.explode(e.argumentExpression)));
    }
    if (ts.isBinaryExpression(e)) return this.explodeBinary(e, ignore);
    if (ts.isConditionalExpression(e)) {
      const result = ignore ? undefined : this.em.makeTemp();
      const elseLoc = this.em.loc();
      const after = this.em.loc();
      this.em.jumpIfNot(this.explode(e.condition), elseLoc);
      this.into(result, e.whenTrue, ignore);
      this.em.jump(after);
      this.em.mark(elseLoc);
      this.into(result, e.whenFalse, ignore);
      this.em.mark(after);
      return result ?? f.createVoidZero();
    }
    if (ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) {
      const op = e.operator;
      if (op === SK.PlusPlusToken || op === SK.MinusMinusToken) {
        const target = this.explodeTarget(e.operand as ts.Expression, true);
        return done(ts.isPrefixUnaryExpression(e) ? f.createPrefixUnaryExpression(op, target) : f.createPostfixUnaryExpression(target, op));
      }
      return done(f.createPrefixUnaryExpression(op as ts.PrefixUnaryOperator, this.explode(e.operand)));
    }
    if (ts.isTypeOfExpression(e)) return done(f.createTypeOfExpression(this.explode(e.expression)));
    if (ts.isVoidExpression(e)) return done(f.createVoidExpression(this.explode(e.expression)));
    if (ts.isDeleteExpression(e)) return done(f.createDeleteExpression(this.explodeTarget(e.expression, true)));
    if (ts.isArrayLiteralExpression(e)) return done(f.createArrayLiteralExpression(this.args(e.elements, true), false));
    if (ts.isObjectLiteralExpression(e)) return done(this.explodeObject(e));
    if (ts.isTemplateExpression(e)) return done(this.explodeTemplate(e, false));
    if (ts.isTaggedTemplateExpression(e)) {
      const tag = this.operand(e.tag, true);
      const tpl = ts.isTemplateExpression(e.template) ? this.explodeTemplate(e.template, true) : e.template;
      return done(f.createTaggedTemplateExpression(tag, undefined, tpl));
    }
    if (ts.isSpreadElement(e)) return done(f.createSpreadElement(this.explode(e.expression)));
    this.fl.file.report(e, `not supported: await inside ${ts.SyntaxKind[e.kind]}`);
    return done(rewriteExpression(this.fl, e));
  }

  // produces: $f.$a = X; $f.$pc = N; case N: $f = $rt.r($f, await $rt.w($f));  -> $f.$r
  private explodeAwait(e: ts.AwaitExpression): ts.Expression {
    const em = this.em;
    const value = this.explode(e.expression);
    em.emitAssign(em.slot("$a"), value);
    em.at(e);
    const resume = em.loc();
    em.mark(resume);
    em.resumePoints.push(resume);
    const fr = em.frame();
    em.emit(stmt(assign(fr, call(rt("r"), [fr, f.createAwaitExpression(call(rt("w"), [fr]))]))));
    return em.slot("$r");
  }

  /** Evaluates `child` into a temporary when later operands contain an await. */
  private viaTemp(child: ts.Expression, leaping: boolean, temp?: ts.Expression): ts.Expression {
    const r = this.explode(child);
    if (temp !== undefined || (leaping && !isLiteralLike(r))) {
      const t = temp ?? this.em.makeTemp();
      this.em.emitAssign(t, r);
      return t;
    }
    return r;
  }

  private into(result: ts.Expression | undefined, child: ts.Expression, ignore: boolean): void {
    if (ignore || result === undefined) this.explode(child, true);
    else this.viaTemp(child, true, result);
  }

  /** An operand read before later operands: native bindings that cannot change (module functions) are read in place. */
  private operand(e: ts.Expression, leaping: boolean): ts.Expression {
    const inner = skipOuter(e);
    if (ts.isIdentifier(inner) && frameReference(this.fl, inner) === undefined) return inner;
    return this.viaTemp(e, leaping);
  }

  /**
   * Arguments or array elements, consumed right after the last one: an element
   * is saved only when a later one contains an await. A spread is iterated at
   * its position, as natively.
   */
  private args(list: readonly ts.Expression[], leaping: boolean): ts.Expression[] {
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
  private key(expr: ts.Expression, leaping: boolean): ts.Expression {
    const k = this.explode(expr);
    if (!leaping || isLiteralLike(k)) return k;
    // produces: $f.$t0 = $rt.toKey(k)
    const t = this.em.makeTemp();
    this.em.emitAssign(t, call(rt("toKey"), [k]));
    return t;
  }

  private explodeCall(e: ts.CallExpression): ts.Expression {
    const callee = skipOuter(e.expression);
    const leaping = e.arguments.some(containsAwait);
    if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && callee.expression.kind !== SK.SuperKeyword) {
      // Native order: the object, the key, the method lookup, then the arguments.
      const obj = this.viaTemp(callee.expression, true);
      const member = ts.isPropertyAccessExpression(callee)
        ? f.createPropertyAccessExpression(obj, callee.name)
        : f.createElementAccessExpression(obj, this.viaTemp(callee.argumentExpression, true));
      if (!leaping) return f.createCallExpression(member, undefined, this.args(e.arguments, false));
      const fn = this.viaTemp(member, true);
      const args = f.createArrayLiteralExpression(this.args(e.arguments, true));
      // produces: $rt.invoke(fn, obj, [args], "o.m")
      return call(rt("invoke"), [fn, obj, args, str(calleeText(this.fl, callee))]);
    }
    if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && (leaping || containsAwait(callee))) {
      // `super.m(await x)`: the method is looked up before the arguments, then called with `this`.
      // produces: $f.$t0 = super.m; ...; $rt.invoke($f.$t0, this, [args], "super.m")
      const member = ts.isPropertyAccessExpression(callee)
        ? f.createPropertyAccessExpression(f.createSuper(), callee.name)
        : f.createElementAccessExpression(f.createSuper(), this.viaTemp(callee.argumentExpression, true));
      const fn = this.viaTemp(member, true);
      const args = f.createArrayLiteralExpression(this.args(e.arguments, true));
      return call(rt("invoke"), [fn, f.createThis(), args, str(calleeText(this.fl, callee))]);
    }
    if (callee.kind === SK.SuperKeyword || ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      return f.createCallExpression(rewriteExpression(this.fl, e.expression), undefined, this.args(e.arguments, leaping));
    }
    const inner = skipOuter(callee);
    if (ts.isIdentifier(inner) && frameReference(this.fl, inner) === undefined) {
      return f.createCallExpression(inner, undefined, this.args(e.arguments, leaping));
    }
    const fn = this.viaTemp(e.expression, true);
    const args = f.createArrayLiteralExpression(this.args(e.arguments, true));
    return call(rt("invoke"), [fn, f.createVoidZero(), args, str(calleeText(this.fl, callee))]);
  }

  /** An assignment target: the object and key are evaluated now, the reference is used later. */
  private explodeTarget(target: ts.Expression, leaping: boolean): ts.Expression {
    const t = skipOuter(target);
    if (ts.isIdentifier(t)) return frameReference(this.fl, t) ?? t;
    if (ts.isPropertyAccessExpression(t)) {
      if (t.expression.kind === SK.SuperKeyword) return rewriteExpression(this.fl, t);
      return f.createPropertyAccessExpression(this.viaTemp(t.expression, leaping), t.name);
    }
    if (ts.isElementAccessExpression(t)) {
      const obj = this.viaTemp(t.expression, leaping);
      return f.createElementAccessExpression(obj, this.viaTemp(t.argumentExpression, leaping));
    }
    if (!containsAwait(t)) return rewriteExpression(this.fl, t);
    this.fl.file.report(t, "not supported: await inside a destructuring assignment target");
    return rewriteExpression(this.fl, t);
  }

  private explodeBinary(e: ts.BinaryExpression, ignore: boolean): ts.Expression {
    const em = this.em;
    const op = e.operatorToken.kind;
    const done = (x: ts.Expression): ts.Expression => {
      if (ignore) {
        em.emit(stmt(x));
        return f.createVoidZero();
      }
      return x;
    };
    if (op === SK.CommaToken) {
      this.explode(e.left, true);
      return this.explode(e.right, ignore);
    }
    if (op === SK.AmpersandAmpersandToken || op === SK.BarBarToken || op === SK.QuestionQuestionToken) {
      const result = ignore ? undefined : em.makeTemp();
      const after = em.loc();
      const left = this.viaTemp(e.left, true, result);
      em.emit(f.createIfStatement(shortCircuitTest(op, left), f.createBlock(em.jumpStatements(after), true)));
      this.into(result, e.right, ignore);
      em.mark(after);
      return result ?? f.createVoidZero();
    }
    if (op === SK.EqualsToken) {
      const target = skipOuter(e.left);
      if ((ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) && !containsAwait(target)) {
        return done(assign(rewriteExpression(this.fl, target), this.explode(e.right)));
      }
      const ref = this.explodeTarget(e.left, containsAwait(e.right));
      return done(assign(ref, this.explode(e.right)));
    }
    if (op === SK.BarBarEqualsToken || op === SK.AmpersandAmpersandEqualsToken || op === SK.QuestionQuestionEqualsToken) {
      const ref = this.explodeTarget(e.left, true);
      const result = em.makeTemp();
      em.emitAssign(result, ref);
      const after = em.loc();
      const base = op === SK.BarBarEqualsToken ? SK.BarBarToken : op === SK.AmpersandAmpersandEqualsToken ? SK.AmpersandAmpersandToken : SK.QuestionQuestionToken;
      em.emit(f.createIfStatement(shortCircuitTest(base, result), f.createBlock(em.jumpStatements(after), true)));
      em.emitAssign(result, assign(ref, this.explode(e.right)));
      em.mark(after);
      return ignore ? f.createVoidZero() : result;
    }
    const compound = COMPOUND[op];
    if (compound !== undefined) {
      const ref = this.explodeTarget(e.left, true);
      const old = em.makeTemp();
      em.emitAssign(old, ref);
      return done(assign(ref, f.createBinaryExpression(old, compound, this.explode(e.right))));
    }
    if (ts.isPrivateIdentifier(e.left)) return done(f.createBinaryExpression(e.left, op as ts.BinaryOperator, this.explode(e.right)));
    let left = this.viaTemp(e.left, containsAwait(e.right));
    // `-x ** y` is a syntax error: a unary left operand of `**` keeps its parentheses.
    if (op === SK.AsteriskAsteriskToken && isUnaryLike(left)) left = f.createParenthesizedExpression(left);
    return done(f.createBinaryExpression(left, op as ts.BinaryOperator, this.explode(e.right)));
  }

  // Each part is saved only when a later part awaits; a spread copies its source at its position.
  private explodeObject(e: ts.ObjectLiteralExpression): ts.Expression {
    const list = e.properties;
    const props = list.map((p, i): ts.ObjectLiteralElementLike => {
      const later = list.slice(i + 1).some(containsAwait);
      if (ts.isPropertyAssignment(p)) {
        const name = ts.isComputedPropertyName(p.name) ? f.createComputedPropertyName(this.key(p.name.expression, later || containsAwait(p.initializer))) : p.name;
        return f.createPropertyAssignment(name, this.viaTemp(p.initializer, later));
      }
      if (ts.isShorthandPropertyAssignment(p)) return f.createPropertyAssignment(p.name.text, this.viaTemp(p.name, later));
      if (ts.isSpreadAssignment(p)) {
        const value = this.explode(p.expression);
        if (!later) return f.createSpreadAssignment(value);
        // produces: $f.$t0 = { ...src };  (its getters run here, not when the literal is built)
        const t = this.em.makeTemp();
        this.em.emitAssign(t, f.createObjectLiteralExpression([f.createSpreadAssignment(value)]));
        return f.createSpreadAssignment(t);
      }
      if (p.name && ts.isComputedPropertyName(p.name) && containsAwait(p.name)) {
        this.fl.file.report(p, "not supported: await in the computed name of a method");
      }
      return (rewriteExpression(this.fl, f.createObjectLiteralExpression([p])) as ts.ObjectLiteralExpression).properties[0]!;
    });
    return f.createObjectLiteralExpression(props, props.length > 1);
  }

  /**
   * Substitutions of a template literal are converted to strings at their
   * position; a tagged template's are passed unconverted to the tag.
   */
  private explodeTemplate(e: ts.TemplateExpression, tagged: boolean): ts.TemplateExpression {
    const spans = e.templateSpans.map((s, i) => {
      const later = e.templateSpans.slice(i + 1).some((x) => containsAwait(x.expression));
      if (tagged || !later) return f.createTemplateSpan(this.viaTemp(s.expression, later), s.literal);
      const value = this.explode(s.expression);
      if (isLiteralLike(value)) return f.createTemplateSpan(value, s.literal);
      // produces: $f.$t0 = `${x}`;  (ToString now, before the later await)
      const t = this.em.makeTemp();
      this.em.emitAssign(t, f.createTemplateExpression(f.createTemplateHead(""), [f.createTemplateSpan(value, f.createTemplateTail(""))]));
      return f.createTemplateSpan(t, s.literal);
    });
    return f.createTemplateExpression(e.head, spans);
  }

  // An optional chain whose links contain awaits, as explicit checks:
  // produces: cur = root; if (cur == null) { result = undefined; jump end } cur = cur.b; ... end:
  private explodeOptionalChain(e: ts.Expression, ignore: boolean): ts.Expression {
    const em = this.em;
    const links: ts.Expression[] = [];
    let n: ts.Expression = e;
    while (ts.isOptionalChain(n) || ts.isNonNullChain(n)) {
      links.unshift(n);
      n = (n as ts.PropertyAccessExpression).expression;
    }
    const result = em.makeTemp();
    const end = em.loc();
    let cur = this.viaTemp(n, true);
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
        em.emitAssign(next, f.createElementAccessExpression(cur, this.explode(link.argumentExpression)));
        self = cur;
      } else if (ts.isCallExpression(link)) {
        const args = f.createArrayLiteralExpression(this.args(link.arguments, true));
        em.emitAssign(next, call(rt("invoke"), [cur, self, args, str(calleeText(this.fl, link.expression))]));
        self = f.createVoidZero();
      }
      cur = next;
    }
    em.emitAssign(result, cur);
    em.mark(end);
    return ignore ? f.createVoidZero() : result;
  }
}

function shortCircuitTest(op: ts.SyntaxKind, left: ts.Expression): ts.Expression {
  if (op === SK.AmpersandAmpersandToken) return f.createLogicalNot(left);
  if (op === SK.BarBarToken) return left;
  return f.createBinaryExpression(left, SK.ExclamationEqualsToken, f.createNull());
}

function isUnaryLike(e: ts.Expression): boolean {
  return ts.isPrefixUnaryExpression(e) || ts.isTypeOfExpression(e) || ts.isVoidExpression(e) || ts.isDeleteExpression(e) || ts.isAwaitExpression(e);
}

function calleeText(fl: FunctionLowering, callee: ts.Expression): string {
  if (callee.pos < 0) return "expression";
  try {
    return callee.getText(fl.file.sourceFile);
  } catch {
    return "expression";
  }
}

