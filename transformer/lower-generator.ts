// Sync generators of a transformed module become resumable frames, so that a
// generator object held across an await is data the engine can save: the
// generator's body is lowered like a durable body (same emitter, leaps, try
// table), with each `yield` as a resume point, and runs in a step function
// that the runtime calls for every next()/throw()/return()
// (runtime/engine/generators.ts).
//
// Only generators with no enclosing function are lowered (module-level
// functions, methods of module-level classes and object literals): after a
// resume from bytes the runtime steps a decoded frame with the latest step
// function the module made, which is only right when every step function of
// that generator sees the same bindings. Nested generators stay native (and a
// native generator held across an await is reported by the codec).
//
// produces:
//   var g = $rt.generator($d0, function g(a) {
//     return $rt.gen($d0, this, null, ($f) => {
//       $loop: for (;;) {
//         try {
//           switch ($f.$pc) {
//             case 0: $f.a = a; $f.$pc = 1; return $rt.yielded($f);      // parameters at the call
//             case 1: ...; $f.$a = x; $f.$pc = 2; return $rt.yielded($f); // yield x
//             case 2: $rt.sent($f); ... $f.$r ...                         // what next(v) sent
//           }
//         } catch ($x) { $f = $rt.genCaught($f, $x); }
//       }
//     });
//   });
import ts = require("typescript");
import { assign, call, id, prop, rt, stmt } from "./factory.js";
import { isFunctionBoundary, markContainsAwait } from "./contains-await.js";
import type { Exploder } from "./explode-expression.js";
import type { FunctionLowering } from "./lowering-context.js";

const f = ts.factory;

/** A sync generator with a body. */
export function isSyncGenerator(node: ts.Node): node is ts.FunctionLikeDeclaration {
  if (!(ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node))) return false;
  if (node.body === undefined || node.asteriskToken === undefined) return false;
  return (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async) === 0;
}

/**
 * The sync generators of a file that are lowered: those with no enclosing
 * function. Their bodies count as containing an await (a generator is always
 * resumable: it suspends at its start), so their parameters and locals are frame fields.
 */
export function findGenerators(sf: ts.SourceFile): ts.FunctionLikeDeclaration[] {
  const found: ts.FunctionLikeDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (isSyncGenerator(node)) {
      found.push(node);
      markContainsAwait(node.body!);
      return;
    }
    if (isFunctionBoundary(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** After the parameters and hoisted functions: the generator is created suspended here. */
// produces: $f.$pc = L; return $rt.yielded($f);  case L:
export function emitGeneratorStart(fl: FunctionLowering): void {
  const em = fl.em;
  const start = em.loc();
  em.emit(stmt(assign(prop(em.frame(), "$pc"), em.locExpr(start))));
  em.emit(f.createReturnStatement(call(rt("yielded"), [em.frame()])));
  em.mark(start);
}

/** `yield x` and `yield* xs` inside a lowered generator; the result is `$f.$r`. */
export function explodeYield(x: Exploder, e: ts.YieldExpression): ts.Expression {
  const em = x.em;
  const fr = em.frame();
  const value = e.expression === undefined ? f.createVoidZero() : x.explode(e.expression);
  em.at(e);
  const resume = em.loc();
  if (e.asteriskToken !== undefined) {
    // produces: $f.$t0 = $rt.delegate($f, xs); case L: if ($rt.delegateStep($f, $f.$t0)) return; $f.$t0 = void 0;
    const record = em.makeTemp();
    em.emitAssign(record, call(rt("delegate"), [fr, value]));
    em.mark(resume);
    em.resumePoints.push(resume);
    em.emit(f.createIfStatement(call(rt("delegateStep"), [fr, record]), f.createReturnStatement()));
    em.emitAssign(record, f.createVoidZero());
    return (em.lastResult = em.slot("$r"));
  }
  // produces: $f.$a = x; $f.$pc = L; return $rt.yielded($f); case L: $rt.sent($f);
  em.emitAssign(em.slot("$a"), value);
  em.emitAssign(prop(fr, "$pc"), em.locExpr(resume));
  em.emit(f.createReturnStatement(call(rt("yielded"), [fr])));
  em.mark(resume);
  em.resumePoints.push(resume);
  em.emit(stmt(call(rt("sent"), [fr])));
  return (em.lastResult = em.slot("$r"));
}

/**
 * The body of the lowered generator function: it creates the generator
 * (running the step function once, through case 0) and returns it.
 */
export function generatorBody(fl: FunctionLowering, directives: readonly ts.Statement[], cases: ts.CaseClause[], usesThis: boolean, usesArguments: boolean): ts.Block {
  const fv = fl.em.frameVar;
  const fr = id(fv);
  const loop = f.createLabeledStatement(
    "$loop",
    f.createForStatement(
      undefined,
      undefined,
      undefined,
      f.createBlock(
        [
          f.createTryStatement(
            f.createBlock([f.createSwitchStatement(prop(fr, "$pc"), f.createCaseBlock(cases))], true),
            f.createCatchClause("$x", f.createBlock([stmt(assign(fr, call(rt("genCaught"), [fr, id("$x")])))], true)),
            undefined,
          ),
        ],
        true,
      ),
    ),
  );
  const step = f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, fv)], undefined, undefined, f.createBlock([loop], true));
  const created = call(rt("gen"), [fl.descriptor, usesThis ? f.createThis() : f.createVoidZero(), usesArguments ? id("arguments") : f.createNull(), step]);
  return f.createBlock([...directives, f.createReturnStatement(created)], true);
}

/**
 * Where the runtime finds a generator method in a process that has not called
 * it yet: its path among the module's registered bindings (`C.prototype.m`,
 * `C.m` for a static method, `o.m` for a method of a top-level object literal).
 * Undefined for a function (the runtime has it from `$rt.generator`) and for a
 * method it cannot name (computed or private names, classes not bound at the top level).
 */
export function generatorHome(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (!ts.isMethodDeclaration(fn) || !(ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return undefined;
  const key = fn.name.text;
  const holder = fn.parent;
  const topLevelConst = (n: ts.Node): string | undefined => {
    const d = n.parent;
    if (!ts.isVariableDeclaration(d) || d.initializer !== n || !ts.isIdentifier(d.name)) return undefined;
    return ts.isVariableDeclarationList(d.parent) && ts.isVariableStatement(d.parent.parent) && ts.isSourceFile(d.parent.parent.parent) ? d.name.text : undefined;
  };
  if (ts.isObjectLiteralExpression(holder)) {
    const name = topLevelConst(holder);
    return name === undefined ? undefined : `${name}.${key}`;
  }
  if (!ts.isClassDeclaration(holder) && !ts.isClassExpression(holder)) return undefined;
  const name = ts.isClassDeclaration(holder) ? (ts.isSourceFile(holder.parent) ? holder.name?.text : undefined) : topLevelConst(holder);
  if (name === undefined) return undefined;
  const isStatic = (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Static) !== 0;
  return isStatic ? `${name}.${key}` : `${name}.prototype.${key}`;
}
