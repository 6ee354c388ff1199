// Diagnostic 99004: temporaries the codec would refuse. The lowering keeps in
// frame fields (`$tN`) the operands evaluated before an await in the same
// expression, and what a for-of loop iterates; temporaries are never reused or
// cleared, so one set before any await is still there at every durable await
// that can run after it.
// Leaves alone: identifiers (the local is checked itself, or is module-level
// and saved by reference), literals, functions, and promises of unknown origin.
import ts = require("typescript");
import { isFunctionBoundary } from "../contains-await.js";
import { Diag } from "./codes.js";
import { functionLabel, isOrdinaryPromise, isWithin, lineOf, mayRunBefore } from "./check-frame-state.js";
import { bodyIndex, isDurableOperand, ownAwaits, skipOuter } from "./durable-awaits.js";
import type { ProgramFacts } from "./program-facts.js";
import type { Reporter } from "./reporter.js";
import { generatorOrigin } from "./generator-origin.js";
import { refusalOf, type Refusal } from "./unserializable-type.js";

export function checkTemporaries(facts: ProgramFacts, fn: ts.FunctionLikeDeclaration, reporter: Reporter): void {
  const awaits = ownAwaits(fn);
  const durable = awaits.filter((a) => isDurableOperand(facts, a.expression));
  if (durable.length === 0) return;
  const where = functionLabel(fn);
  checkLoopIterables(facts, fn, durable, where, reporter);
  for (const a of awaits) {
    const keeper = durable.includes(a) ? a : durable.find((d) => mayRunBefore(fn, { at: a, from: a.end, value: undefined }, d));
    if (keeper !== undefined) checkOperands(facts, a, keeper, where, reporter);
  }
}

/** Operands evaluated before the await `a` in its statement, that the frame still holds at `keeper`. */
function checkOperands(facts: ProgramFacts, a: ts.AwaitExpression, keeper: ts.AwaitExpression, where: string, reporter: Reporter): void {
  let child: ts.Node = a;
  for (let p = a.parent; p !== undefined && !ts.isStatement(p) && !isFunctionBoundary(p); child = p, p = p.parent) {
    for (const held of heldBefore(p, child)) {
      const e = skipOuter(held);
      if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword || ts.isLiteralExpression(e) || isFunctionBoundary(e)) continue;
      const r = refusalOf(facts, facts.checker.getTypeAtLocation(e));
      if (r === undefined || (r.kind === "promise" && !isOrdinaryPromise(facts, e)) || (r.byOrigin === true && !isNativeGenerator(facts, e, r))) continue;
      const why =
        keeper === a
          ? `while the durable await on line ${lineOf(a)} waits: it is evaluated before the await, so the frame holds it`
          : `: it is evaluated before the await on line ${lineOf(a)}, so the frame holds it as a temporary, and it is still there at the durable await on line ${lineOf(keeper)}`;
      reporter.report(Diag.unserializableTemporary, e, `cannot keep this ${r.what} in the frame of ${where}${keeper === a ? " " : ""}${why}, and it cannot be serialized; store the awaited value in a local first, then use it in this expression (${r.fix})`, [
        { node: keeper, message: "the durable await" },
      ]);
    }
  }
}

/** The operands of `p` evaluated before its child `c` whose values are still needed after it. */
function heldBefore(p: ts.Node, c: ts.Node): ts.Expression[] {
  const before = (list: readonly ts.Node[]): ts.Expression[] => list.filter((n) => n.end <= c.pos && ts.isExpression(n)) as ts.Expression[];
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
    const out: ts.Expression[] = [];
    if (c !== p.expression) {
      const callee = skipOuter(p.expression);
      if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) out.push(callee.expression);
    }
    return [...out, ...before(p.arguments ?? [])];
  }
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.CommaToken) return [];
    if (c === p.right && op === ts.SyntaxKind.EqualsToken) {
      const l = skipOuter(p.left);
      return ts.isPropertyAccessExpression(l) || ts.isElementAccessExpression(l) ? [l.expression] : [];
    }
    return c === p.right ? [p.left] : [];
  }
  if (ts.isArrayLiteralExpression(p)) return before(p.elements);
  if (ts.isObjectLiteralExpression(p)) return p.properties.filter((q) => q.end <= c.pos && ts.isPropertyAssignment(q)).map((q) => (q as ts.PropertyAssignment).initializer);
  if (ts.isTemplateExpression(p)) return p.templateSpans.filter((s) => s.end <= c.pos).map((s) => s.expression);
  if (ts.isElementAccessExpression(p) && c === p.argumentExpression) return [p.expression];
  return [];
}

/**
 * A for-of (or for await) loop whose body waits durably keeps what it iterates in the frame for
 * the whole loop: an array, a string, a Map or a Set as a by-position cursor, anything else as its
 * iterator. `R.keys()/values()/entries()` loops keep R (explode-for-of.ts), so they are left alone,
 * as are loops over a local (the local itself is checked).
 */
function checkLoopIterables(facts: ProgramFacts, fn: ts.FunctionLikeDeclaration, durable: readonly ts.AwaitExpression[], where: string, reporter: Reporter): void {
  const checkLoop = (loop: ts.ForOfStatement): void => {
    const keeper = durable.find((a) => isWithin(a, loop.statement));
    if (keeper === undefined) return;
    const e = skipOuter(loop.expression);
    if (ts.isIdentifier(e) || isCollectionMethodCall(e)) return;
    const r = refusalOf(facts, facts.checker.getTypeAtLocation(e));
    if (r === undefined || r.kind === "promise" || (r.byOrigin === true && !isNativeGenerator(facts, e, r))) return;
    const held = r.kind === "iterator" || r.kind === "generator" ? `its ${r.what}` : `${r.path === "" ? "it" : `the ${r.what} in it`}`;
    reporter.report(Diag.unserializableTemporary, e, `cannot keep what this loop iterates in the frame of ${where}: the loop holds ${held} while the durable await on line ${lineOf(keeper)} waits, and it cannot be serialized; iterate over an array of plain data instead (\`for (const x of [...items])\`), or collect what you need before the loop`, [
      { node: keeper, message: "the durable await" },
    ]);
  };
  for (const loop of bodyIndex(fn).forOfs) checkLoop(loop);
}

function isCollectionMethodCall(e: ts.Expression): boolean {
  if (!ts.isCallExpression(e) || e.arguments.length > 0 || e.questionDotToken !== undefined) return false;
  const callee = skipOuter(e.expression);
  return ts.isPropertyAccessExpression(callee) && callee.questionDotToken === undefined && ["keys", "values", "entries"].includes(callee.name.text);
}

/** A generator object (or iterator) that the expression shows is not a lowered generator's: the run time refuses it. */
function isNativeGenerator(facts: ProgramFacts, e: ts.Expression, r: Refusal): boolean {
  return r.path === "" && generatorOrigin(facts, e) === "native";
}
