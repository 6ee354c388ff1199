// for-in, for-of and for await loops that contain an await. The position is
// frame data: a cursor from `$rt.forIn` / `$rt.iterate` (by index for arrays
// and strings, else the native iterator) or `$rt.asyncIterate`.
// A for-of or for await loop is also a try statement with a finally: every
// completion that leaves its body early (break, continue or break to an outer
// statement, return, throw) closes the iterator on the way out, as natively:
// `$rt.closeFor` calls `return()` (its errors dropped under a throw), and for
// await `return()`'s promise is awaited through the normal await lowering. Its
// own `continue` and running to exhaustion do not close. A for await awaits
// each `next()` result the same way, so every step is a resume point and
// costs the native number of ticks.
import ts = require("typescript");
import { skipOuter } from "./factory.js";
import { assign, call, num, rt, stmt } from "./factory.js";
import { explodeAssignTo, explodeAwaitOf, explodeBinding, explodeExpression } from "./explode-expression.js";
import { explodeStatement } from "./explode-statement.js";
import { returnStatements } from "./rewrite.js";
import { enterEnvironment } from "./environment-code.js";
import type { FunctionLowering } from "./lowering-context.js";
import type { Loc } from "./emitter.js";
import type { TryEntry } from "./leap.js";

const f = ts.factory;

export function explodeForInOf(fl: FunctionLowering, s: ts.ForInStatement | ts.ForOfStatement, labels: readonly string[]): void {
  const em = fl.em;
  const iter = em.makeTemp();
  const isAwait = ts.isForOfStatement(s) && s.awaitModifier !== undefined;
  const collectionCall = !isAwait && ts.isForOfStatement(s) ? collectionMethodCall(s.expression) : undefined;
  if (collectionCall !== undefined) {
    // `for (x of map.keys())`: the receiver is kept, so the loop can be a by-position cursor
    // (an iterator that keys() returned does not know its map).
    // produces: $f.$tR = map; $f.$tI = $rt.iterateCall($f.$tR, $f.$tR.keys);
    const receiver = em.makeTemp();
    em.emitAssign(receiver, explodeExpression(fl, collectionCall.expression));
    em.emitAssign(iter, call(rt("iterateCall"), [receiver, f.createPropertyAccessExpression(receiver, collectionCall.name)]));
  } else {
    // produces: $f.$tI = $rt.iterate(xs);  ($rt.forIn / $rt.asyncIterate)
    em.emitAssign(iter, call(rt(ts.isForInStatement(s) ? "forIn" : isAwait ? "asyncIterate" : "iterate"), [explodeExpression(fl, s.expression)]));
  }
  if (ts.isForInStatement(s)) {
    const head = em.loc();
    const after = em.loc();
    em.mark(head);
    const value = bindNext(fl, s, call(rt("step"), [iter]), after);
    em.leaps.withEntry({ kind: "loop", breakLoc: after, continueLoc: head, labels }, () => explodeStatement(fl, s.statement));
    em.jump(head);
    em.mark(after);
    // produces: $f.$tI = $f.$tS = undefined;
    em.emitAssign(iter, assign(value, f.createVoidZero()));
    return;
  }
  const head = em.loc();
  const finallyLoc = em.loc();
  const after = em.loc();
  const entry = em.newTry(head, undefined, finallyLoc, after);
  em.mark(head);
  // produces: $f.$a = $rt.asyncNext($f.$tI); <await>; $f.$tS = $rt.asyncStep($f.$tI, $r)
  const next = isAwait ? call(rt("asyncStep"), [iter, explodeAwaitOf(fl, call(rt("asyncNext"), [iter]), s, "call")]) : call(rt("step"), [iter]);
  const value = bindNext(fl, s, next, after);
  em.leaps.withEntry({ kind: "loop", breakLoc: after, continueLoc: head, labels, closes: entry }, () => explodeStatement(fl, s.statement));
  em.jump(head);
  em.mark(finallyLoc);
  if (isAwait) closeAsync(fl, s, iter, entry);
  // produces: $rt.closeFor($f.$tI, $f.$cN);
  else em.emit(stmt(call(rt("closeFor"), [iter, em.slot(`$c${entry.index}`)])));
  emitFinish(fl, entry);
  em.mark(after);
  em.emitAssign(iter, assign(value, f.createVoidZero()));
}

// produces: $f.$tS = next; if ($f.$tS === $rt.DONE) jump after; <target> = $f.$tS;
function bindNext(fl: FunctionLowering, s: ts.ForInStatement | ts.ForOfStatement, next: ts.Expression, after: Loc): ts.Expression {
  const em = fl.em;
  const value = em.makeTemp();
  em.emitAssign(value, next);
  em.jumpIf(f.createStrictEquality(value, rt("DONE")), after);
  // Each iteration binds a fresh environment when closures capture the head's bindings.
  enterEnvironment(fl, s);
  const init = s.initializer;
  if (ts.isVariableDeclarationList(init)) explodeBinding(fl, init.declarations[0]!.name, value);
  else explodeAssignTo(fl, init, value);
  em.emitAssign(value, f.createVoidZero());
  return value;
}

// AsyncIteratorClose with the await of `return()`'s promise; a rejection is dropped under a pending throw.
// produces: $f.$tR = $rt.asyncReturn(it, $f.$cN); if ($f.$tR === $rt.DONE) jump done;
//           try { <await $f.$tR>; $rt.asyncReturned($r, $f.$cN) } catch { $rt.asyncReturnRejected($f.$e, $f.$cN) } done:
function closeAsync(fl: FunctionLowering, s: ts.ForOfStatement, iter: ts.Expression, loop: TryEntry): void {
  const em = fl.em;
  const completion = em.slot(`$c${loop.index}`);
  const pending = em.makeTemp();
  const tryLoc = em.loc();
  const catchLoc = em.loc();
  const done = em.loc();
  em.emitAssign(pending, call(rt("asyncReturn"), [iter, completion]));
  em.jumpIf(f.createStrictEquality(pending, rt("DONE")), done);
  em.newTry(tryLoc, catchLoc, undefined, done);
  em.mark(tryLoc);
  const result = explodeAwaitOf(fl, pending, s);
  em.emit(stmt(call(rt("asyncReturned"), [result, completion])));
  em.jump(done);
  em.mark(catchLoc);
  em.emit(stmt(call(rt("asyncReturnRejected"), [em.slot("$e"), completion])));
  em.emitAssign(em.slot("$e"), f.createVoidZero());
  em.mark(done);
  em.emitAssign(pending, f.createVoidZero());
}

// produces: switch ($rt.finish($f, N)) { case 1: continue $loop; case 2: return $rt.ret($f, $f.$r); }
export function emitFinish(fl: FunctionLowering, entry: TryEntry): void {
  fl.em.emit(
    f.createSwitchStatement(
      call(rt("finish"), [fl.em.frame(), num(entry.index)]),
      f.createCaseBlock([f.createCaseClause(num(1), [f.createContinueStatement("$loop")]), f.createCaseClause(num(2), returnStatements(fl, fl.em.slot("$r")))]),
    ),
  );
}

/** `R.keys()`, `R.values()` or `R.entries()` with no argument (not on `super`, not optional). */
function collectionMethodCall(e: ts.Expression): ts.PropertyAccessExpression | undefined {
  const x = skipOuter(e);
  if (!ts.isCallExpression(x) || x.arguments.length > 0 || x.questionDotToken !== undefined) return undefined;
  const callee = skipOuter(x.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken !== undefined || callee.expression.kind === ts.SyntaxKind.SuperKeyword) return undefined;
  if (!ts.isIdentifier(callee.name) || !["keys", "values", "entries"].includes(callee.name.text)) return undefined;
  return callee;
}
