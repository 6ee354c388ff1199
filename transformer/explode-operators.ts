// Operators that contain an await: binary and compound assignment operators
// read their left operand (or target) before the right one awaits; `&&`,
// `||`, `??`, their assignment forms and `?:` become jumps so that the
// operands they skip are never evaluated; a destructuring assignment whose
// pattern awaits is handed to explode-destructuring.
import ts = require("typescript");
import { stableAcross } from "./stable-locals.js";
import { assign, call, rt, skipOuter, stmt } from "./factory.js";
import { containsAwait } from "./contains-await.js";
import { checkedAssignedValue, deadZoneWrite, rewriteExpression } from "./rewrite.js";
import { explodeAssignmentPattern } from "./explode-destructuring.js";
import type { Exploder } from "./explode-expression.js";
import { activeMutant } from "./mutants.js";

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

export function explodeBinary(x: Exploder, e: ts.BinaryExpression, ignore: boolean): ts.Expression {
  const em = x.em;
  const op = e.operatorToken.kind;
  const done = (value: ts.Expression): ts.Expression => {
    if (ignore) {
      em.emit(stmt(value));
      return f.createVoidZero();
    }
    return value;
  };
  if (op === SK.CommaToken) {
    x.explode(e.left, true);
    return x.explode(e.right, ignore);
  }
  if (op === SK.AmpersandAmpersandToken || op === SK.BarBarToken || op === SK.QuestionQuestionToken) {
    // produces: $f.$t0 = left; if (<short-circuits>) jump after; $f.$t0 = right; after:
    const result = ignore ? undefined : em.makeTemp();
    const after = em.loc();
    const left = x.viaTemp(e.left, true, result);
    if (activeMutant() !== "no-short-circuit") em.emit(f.createIfStatement(shortCircuitTest(op, left), f.createBlock(em.jumpStatements(after), true)));
    x.into(result, e.right, ignore);
    em.mark(after);
    return result ?? f.createVoidZero();
  }
  if (op === SK.EqualsToken) {
    const target = skipOuter(e.left);
    if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) {
      if (containsAwait(target)) return explodeAssignmentPattern(x, target, e.right, ignore);
      return done(assign(rewriteExpression(x.fl, target), x.explode(e.right)));
    }
    const ref = x.explodeTarget(e.left, containsAwait(e.right));
    const dead = deadZoneWrite(x.fl, e.left);
    if (dead !== undefined) return done(assign(ref, checkedAssignedValue(x.fl, dead, x.explode(e.right))));
    return done(assign(ref, x.explode(e.right)));
  }
  if (op === SK.BarBarEqualsToken || op === SK.AmpersandAmpersandEqualsToken || op === SK.QuestionQuestionEqualsToken) {
    // produces: $f.$t0 = ref; if (<short-circuits>) jump after; $f.$t0 = ref = right; after:
    const ref = x.explodeTarget(e.left, true);
    const result = em.makeTemp();
    em.emitAssign(result, liveRead(x, e.left, ref));
    const after = em.loc();
    const base = op === SK.BarBarEqualsToken ? SK.BarBarToken : op === SK.AmpersandAmpersandEqualsToken ? SK.AmpersandAmpersandToken : SK.QuestionQuestionToken;
    em.emit(f.createIfStatement(shortCircuitTest(base, result), f.createBlock(em.jumpStatements(after), true)));
    em.emitAssign(result, assign(ref, x.explode(e.right)));
    em.mark(after);
    return ignore ? f.createVoidZero() : result;
  }
  const compound = COMPOUND[op];
  if (compound !== undefined) {
    // produces: $f.$t0 = ref; ref = $f.$t0 + right
    // or, for a local nothing can write meanwhile (stable-locals.ts): ref = ref + right
    const ref = x.explodeTarget(e.left, true);
    if (activeMutant() !== "compound-reads-target-late" && stableAcross(x.fl, e.left, e.right)) return done(assign(ref, f.createBinaryExpression(liveRead(x, e.left, ref), compound, x.explode(e.right))));
    const old = em.makeTemp();
    em.emitAssign(old, liveRead(x, e.left, ref));
    if (activeMutant() === "compound-reads-target-late") return done(assign(ref, f.createBinaryExpression(ref, compound, x.explode(e.right))));
    return done(assign(ref, f.createBinaryExpression(old, compound, x.explode(e.right))));
  }
  if (ts.isPrivateIdentifier(e.left)) return done(f.createBinaryExpression(e.left, op as ts.BinaryOperator, x.explode(e.right)));
  // A local nothing can write meanwhile is read where it is used (stable-locals.ts).
  let left = containsAwait(e.right) && stableAcross(x.fl, e.left, e.right) ? x.explode(e.left) : x.viaTemp(e.left, containsAwait(e.right));
  // `-x ** y` is a syntax error: a unary left operand of `**` keeps its parentheses.
  if (op === SK.AsteriskAsteriskToken && isUnaryLike(left)) left = f.createParenthesizedExpression(left);
  if (activeMutant() === "swap-binary-operands") return done(f.createBinaryExpression(x.explode(e.right), op as ts.BinaryOperator, left));
  return done(f.createBinaryExpression(left, op as ts.BinaryOperator, x.explode(e.right)));
}

// produces: if (!test) jump else; $f.$t0 = whenTrue; jump after; else: $f.$t0 = whenFalse; after:
export function explodeConditional(x: Exploder, e: ts.ConditionalExpression, ignore: boolean): ts.Expression {
  const em = x.em;
  const result = ignore ? undefined : em.makeTemp();
  const elseLoc = em.loc();
  const after = em.loc();
  em.jumpIfNot(x.explode(e.condition), elseLoc);
  x.into(result, e.whenTrue, ignore);
  em.jump(after);
  em.mark(elseLoc);
  x.into(result, e.whenFalse, ignore);
  em.mark(after);
  return result ?? f.createVoidZero();
}

function shortCircuitTest(op: ts.SyntaxKind, left: ts.Expression): ts.Expression {
  if (op === SK.AmpersandAmpersandToken) return f.createLogicalNot(left);
  if (op === SK.BarBarToken) return left;
  return f.createBinaryExpression(left, SK.ExclamationEqualsToken, f.createNull());
}

function isUnaryLike(e: ts.Expression): boolean {
  return ts.isPrefixUnaryExpression(e) || ts.isTypeOfExpression(e) || ts.isVoidExpression(e) || ts.isDeleteExpression(e) || ts.isAwaitExpression(e);
}

/** The read of a compound assignment's target, checked when it may be in its dead zone (tdz.ts). produces: $rt.live($f.x, "x") */
function liveRead(x: Exploder, target: ts.Expression, ref: ts.Expression): ts.Expression {
  const dead = deadZoneWrite(x.fl, target);
  return dead === undefined ? ref : call(rt("live"), [ref, f.createStringLiteral(dead.text)]);
}
