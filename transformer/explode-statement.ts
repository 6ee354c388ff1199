// Explodes a statement that contains an await into the listing: control flow
// becomes marks and jumps (`$f.$pc = L; continue $loop`), try statements
// become entries of the try table, and the jump targets of loops, switches
// and labels are pushed with `withEntry` while their bodies are emitted.
// Statements without an await are rewritten and emitted whole, so sync code
// keeps its native loops.
// Assumes: declarations of this function's awaiting scopes are frame fields
// (scope.ts) and function declarations were hoisted by `hoistFunctions`.
import ts = require("typescript");
import { assign, stmt } from "./factory.js";
import { containsAwait } from "./contains-await.js";
import { explodeBinding, explodeExpression } from "./explode-expression.js";
import { explodeForInOf, emitFinish } from "./explode-for-of.js";
import { declarationAsAssignment, frameReference, resetDeadZone, returnStatements, rewriteExpression, rewriteStatement } from "./rewrite.js";
import { copyEnvironment, enterEnvironment } from "./environment-code.js";
import type { FunctionLowering } from "./lowering-context.js";
import { liftClosure, liftable } from "./lift-closure.js";
import type { Loc } from "./emitter.js";
import { activeMutant } from "./mutants.js";

const f = ts.factory;

export function explodeStatement(fl: FunctionLowering, s: ts.Statement, labels: readonly string[] = []): void {
  const em = fl.em;
  em.at(s);
  if (!containsAwait(s)) {
    emitRewritten(fl, s);
    return;
  }
  if (ts.isBlock(s)) {
    resetDeadZone(fl, s);
    hoistFunctions(fl, s.statements);
    for (const child of s.statements) explodeStatement(fl, child);
  } else if (ts.isExpressionStatement(s)) {
    explodeExpression(fl, s.expression, true);
  } else if (ts.isVariableStatement(s)) {
    explodeDeclarations(fl, s.declarationList);
  } else if (ts.isIfStatement(s)) {
    const elseLoc = s.elseStatement ? em.loc() : undefined;
    const after = em.loc();
    em.jumpIfNot(explodeExpression(fl, s.expression), elseLoc ?? after);
    explodeStatement(fl, s.thenStatement);
    if (s.elseStatement) {
      em.jump(after);
      em.mark(elseLoc!);
      explodeStatement(fl, s.elseStatement);
    }
    em.mark(after);
  } else if (ts.isWhileStatement(s)) {
    const head = em.loc();
    const after = em.loc();
    em.mark(head);
    em.jumpIfNot(explodeExpression(fl, s.expression), after);
    em.leaps.withEntry({ kind: "loop", breakLoc: after, continueLoc: head, labels }, () => explodeStatement(fl, s.statement));
    em.jump(head);
    em.mark(after);
  } else if (ts.isDoStatement(s)) {
    const body = em.loc();
    const test = em.loc();
    const after = em.loc();
    em.mark(body);
    em.leaps.withEntry({ kind: "loop", breakLoc: after, continueLoc: test, labels }, () => explodeStatement(fl, s.statement));
    em.mark(test);
    em.jumpIf(explodeExpression(fl, s.expression), body);
    em.mark(after);
  } else if (ts.isForStatement(s)) {
    // A head whose bindings closures capture has an environment per iteration: made before
    // the initializer, copied before the first test and before each increment, as natively.
    enterEnvironment(fl, s);
    if (s.initializer) {
      if (ts.isVariableDeclarationList(s.initializer)) explodeDeclarations(fl, s.initializer);
      else explodeExpression(fl, s.initializer, true);
    }
    copyEnvironment(fl, s);
    const head = em.loc();
    const update = em.loc();
    const after = em.loc();
    em.mark(head);
    if (s.condition) em.jumpIfNot(explodeExpression(fl, s.condition), after);
    em.leaps.withEntry({ kind: "loop", breakLoc: after, continueLoc: update, labels }, () => explodeStatement(fl, s.statement));
    em.mark(update);
    copyEnvironment(fl, s);
    if (s.incrementor) explodeExpression(fl, s.incrementor, true);
    em.jump(head);
    em.mark(after);
  } else if (ts.isForInStatement(s) || ts.isForOfStatement(s)) {
    explodeForInOf(fl, s, labels);
  } else if (ts.isLabeledStatement(s)) {
    const all = [...labels, s.label.text];
    const body = s.statement;
    if (ts.isIterationStatement(body, false)) explodeStatement(fl, body, all);
    else {
      const after = em.loc();
      em.leaps.withEntry({ kind: "labeled", breakLoc: after, labels: all }, () => explodeStatement(fl, body));
      em.mark(after);
    }
  } else if (ts.isReturnStatement(s)) {
    const value = s.expression ? explodeExpression(fl, s.expression) : f.createVoidZero();
    for (const r of returnStatements(fl, value)) em.emit(r);
  } else if (ts.isThrowStatement(s)) {
    em.emit(f.createThrowStatement(explodeExpression(fl, s.expression)));
  } else if (ts.isSwitchStatement(s)) {
    explodeSwitch(fl, s, labels);
  } else if (ts.isTryStatement(s)) {
    explodeTry(fl, s);
  } else {
    fl.file.report(s, `not supported: await inside ${ts.SyntaxKind[s.kind]}`);
    emitRewritten(fl, s);
  }
}

/** Function declarations of a block become frame fields first, as JavaScript hoists them. */
/** A durable function declaration hoisted into the frame is lifted when it can be (lift-closure.ts). */
function liftIfLiftable(fl: FunctionLowering, s: ts.FunctionDeclaration, created: ts.Expression): ts.Expression {
  return liftable(fl, s) ? liftClosure(fl, s, created) : created;
}

export function hoistFunctions(fl: FunctionLowering, statements: readonly ts.Statement[]): void {
  for (const s of statements) {
    if (!ts.isFunctionDeclaration(s) || !s.name || !s.body) continue;
    const ref = frameReference(fl, s.name);
    if (ref === undefined) continue;
    const value = fl.file.lowered.has(s)
      ? liftIfLiftable(fl, s, fl.file.lowerNested(s))
      : // A fresh name node: the declaration's own name resolves to its frame field and would be rewritten.
        // The expression keeps the declaration as its original node: closure lifting reads scopes through it.
        rewriteExpression(fl, ts.setOriginalNode(f.createFunctionExpression(s.modifiers?.filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword), s.asteriskToken, f.createIdentifier(s.name.text), s.typeParameters, s.parameters, s.type, s.body), s));
    // produces: $f.g = function g() {...};
    fl.em.emit(stmt(assign(ref, value)));
  }
}

/** A statement without awaits, as it is but for frame references (a declaration may become two statements). */
function emitRewritten(fl: FunctionLowering, s: ts.Statement): void {
  const out = rewriteStatement(fl, s);
  for (const statement of Array.isArray(out) ? out : [out]) fl.em.emit(statement);
}

function explodeDeclarations(fl: FunctionLowering, list: ts.VariableDeclarationList): void {
  for (const d of list.declarations) {
    const single = f.createVariableDeclarationList([d], list.flags);
    if (!containsAwait(d)) {
      const e = declarationAsAssignment(fl, single, { initializeLet: true });
      if (e) fl.em.emit(stmt(e));
      continue;
    }
    explodeBinding(fl, d.name, d.initializer ? explodeExpression(fl, d.initializer) : f.createVoidZero());
  }
}

function explodeSwitch(fl: FunctionLowering, s: ts.SwitchStatement, labels: readonly string[]): void {
  const em = fl.em;
  const disc = em.makeTemp();
  em.emitAssign(disc, explodeExpression(fl, s.expression));
  resetDeadZone(fl, s.caseBlock);
  // Function declarations of every clause are made when the case block is entered, before the
  // case tests run (a jump to a later clause may call one declared in an earlier one).
  for (const c of s.caseBlock.clauses) hoistFunctions(fl, c.statements);
  const after = em.loc();
  const clauseLocs = s.caseBlock.clauses.map(() => em.loc());
  let defaultLoc: Loc | undefined;
  // Case tests are evaluated in order until one matches, as natively.
  s.caseBlock.clauses.forEach((c, i) => {
    if (ts.isDefaultClause(c)) defaultLoc = clauseLocs[i];
    else em.jumpIf(f.createStrictEquality(disc, explodeExpression(fl, c.expression)), clauseLocs[i]!);
  });
  em.jump(defaultLoc ?? after);
  em.leaps.withEntry({ kind: "switch", breakLoc: after, labels }, () => {
    s.caseBlock.clauses.forEach((c, i) => {
      em.mark(clauseLocs[i]!);
      for (const child of c.statements) explodeStatement(fl, child);
      if (activeMutant() === "switch-no-fallthrough") em.jump(after);
    });
  });
  em.mark(after);
}

function explodeTry(fl: FunctionLowering, s: ts.TryStatement): void {
  const em = fl.em;
  const tryLoc = em.loc();
  const catchLoc = s.catchClause ? em.loc() : undefined;
  const finallyLoc = s.finallyBlock ? em.loc() : undefined;
  const after = em.loc();
  const entry = em.newTry(tryLoc, catchLoc, finallyLoc, after);
  const exitTo = finallyLoc ?? after;
  const leap = { kind: "try" as const, entry, inFinally: false };
  em.mark(tryLoc);
  em.leaps.withEntry(leap, () => {
    explodeStatement(fl, s.tryBlock);
    // produces: $f.$cI = undefined; jump finally  (normal completion)
    em.jump(exitTo);
    if (s.catchClause) {
      em.mark(catchLoc!);
      const c = s.catchClause;
      const binding = c.variableDeclaration?.name;
      if (binding !== undefined && !bindsFrameFields(fl, binding)) {
        // A catch block without an await keeps its binding native.
        // produces: { let e = $f.$e; $f.$e = undefined; ...block }
        const decl = f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(binding, undefined, undefined, activeMutant() === "drop-catch-binding" ? f.createVoidZero() : em.slot("$e"))], ts.NodeFlags.Let));
        em.emit(f.createBlock([decl, stmt(assign(em.slot("$e"), f.createVoidZero())), ...(rewriteStatement(fl, c.block) as ts.Block).statements], true));
      } else {
        if (binding !== undefined) {
          // produces: $f.$tE = $f.$e; $f.$e = undefined; <binding> = $f.$tE;  (a pattern may await)
          enterEnvironment(fl, c); // a fresh catch binding per entry when closures capture it
          const caught = em.makeTemp();
          em.emitAssign(caught, em.slot("$e"));
          em.emitAssign(em.slot("$e"), f.createVoidZero());
          explodeBinding(fl, binding, caught);
          em.emitAssign(caught, f.createVoidZero());
        } else em.emitAssign(em.slot("$e"), f.createVoidZero());
        explodeStatement(fl, c.block);
      }
      em.jump(exitTo);
    }
  });
  if (s.finallyBlock) {
    em.mark(finallyLoc!);
    if (activeMutant() !== "drop-finally") em.leaps.withEntry({ ...leap, inFinally: true }, () => explodeStatement(fl, s.finallyBlock!));
    emitFinish(fl, entry);
  }
  em.mark(after);
}


function bindsFrameFields(fl: FunctionLowering, name: ts.BindingName): boolean {
  if (ts.isIdentifier(name)) return frameReference(fl, name) !== undefined;
  return name.elements.some((el) => !ts.isOmittedExpression(el) && bindsFrameFields(fl, el.name));
}
