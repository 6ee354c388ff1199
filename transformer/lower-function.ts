// Lowers one durable function: its body becomes the dispatch loop over the
// cases of its listing, its locals frame fields, its non-simple parameters
// assignments run once on the first entry (a resumed activation is re-entered
// without re-running default initializers), and its meta (fields, try table,
// resume lines, version hashes) is returned for the module's descriptor.
//
// produces:
//   async function f(a, $p1) {
//     let $f = $rt.enter($d3, this, arguments), $k = $f.$k, $r;
//     try {
//       $loop: for (;;) {
//         try { switch ($f.$pc) { case 0: ... } }
//         catch ($x) { $f = $rt.caught($f, $x); }
//       }
//     } finally { $rt.exit($f); }
//   }
import ts = require("typescript");
import { assign, call, id, prop, rt, stmt, undef } from "./factory.js";
import { Emitter } from "./emitter.js";
import { explodeStatement, hoistFunctions } from "./explode-statement.js";
import { isFieldThisArrow } from "./lift-closure.js";
import { bindingToTarget } from "./binding-to-target.js";
import { frameReference, resetDeadZone, rewriteExpression } from "./rewrite.js";
import { bodyHash, layoutHash } from "./hash.js";
import { containsAwait, isFunctionBoundary } from "./contains-await.js";
import type { FileLowering, FunctionLowering } from "./lowering-context.js";
import { activeMutant } from "./mutants.js";
import { emitGeneratorStart, generatorBody, generatorHome } from "./lower-generator.js";
import { outerEnvironments } from "./outer-environments.js";

const f = ts.factory;

export interface LoweredMeta {
  name: string;
  slots: string[];
  tries: number[][];
  lines: number[];
  layout: string;
  body: string;
  /** The version pinned in the source (`{ version: "..." }`); when absent, the body hash is the version. */
  version?: string;
  length: number;
  usesThis: boolean;
  usesArguments: boolean;
  /** A sync generator (lower-generator.ts): the function returns a generator over its frame. */
  generator?: boolean;
  /** A generator method's path among the module's registered bindings (lower-generator.ts). */
  home?: string;
}

export interface LoweredFunction {
  node: ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;
  meta: LoweredMeta;
  /** Factories of lifted closures (syntax: emitted into the descriptor next to the meta). */
  closures: ts.Expression[];
  /** Module-level functions of closures that are only called (direct-closures.ts), emitted after the descriptors. */
  direct: ts.Statement[];
}

export function lowerFunction(file: FileLowering, fn: ts.FunctionLikeDeclaration, name: string, descriptor: ts.Identifier): LoweredFunction {
  const frameVar = file.frameVars.get(fn)!;
  const em = new Emitter(frameVar, file.sourceFile);
  const fl: FunctionLowering = { file, fn, em, descriptor, closures: [], direct: [] };
  const isArrow = ts.isArrowFunction(fn);
  const bodyNode = fn.body!;
  const statements: readonly ts.Statement[] = ts.isBlock(bodyNode) ? bodyNode.statements : [f.createReturnStatement(bodyNode)];
  const directives: ts.Statement[] = [];
  let i = 0;
  while (i < statements.length && ts.isExpressionStatement(statements[i]!) && ts.isStringLiteral((statements[i] as ts.ExpressionStatement).expression)) {
    directives.push(statements[i]!);
    i++;
  }
  const lowersParams = containsAwait(bodyNode);
  // produces: $f1.$oe0 = $e0;  (the environments the creation bound, kept in the frame)
  const outerEnvs = outerEnvironments(file, fn, file.scopes.slots.get(fn) ?? []);
  fl.outerEnvs = outerEnvs;
  for (const [env, slot] of outerEnvs) em.emitAssign(em.slot(slot), f.createIdentifier(env));
  const params = lowerParameters(fl, fn.parameters, lowersParams);
  resetDeadZone(fl, fn);
  hoistFunctions(fl, statements.slice(i));
  const generator = fn.asteriskToken !== undefined;
  if (generator) emitGeneratorStart(fl);
  for (const s of statements.slice(i)) explodeStatement(fl, s);
  // produces: return $rt.ret($f, undefined);  (falling off the end)
  const cases = em.finalize([f.createReturnStatement(call(rt("ret"), [em.frame(), undef()]))]);
  const fr = em.frame();
  // A class-field arrow's `this` is its environment: kept in its frame like a method's (lift-closure.ts).
  const fieldThis = isFieldThisArrow(fn) && file.lowered.has(fn);
  const usesThis = (!isArrow || fieldThis) && usesLexical(file.sourceFile, bodyNode, "this");
  const usesArguments = !isArrow && usesLexical(file.sourceFile, bodyNode, "arguments");
  // `arguments` is passed only when the body reads it: naming it makes V8 allocate it on every call.
  const enter = call(rt("enter"), [descriptor, fieldThis ? id("$self") : isArrow ? undef() : f.createThis(), usesArguments ? id("arguments") : f.createNull()]);
  const straightLine = cases.length === 1 && em.tries.length === 0 && !em.awaits;
  const body = generator ? generatorBody(fl, directives, cases, usesThis, usesArguments) : f.createBlock(
    [
      ...directives,
      // produces: let $f = $rt.enter(...), $k = $f.$k, $r;  ($k and $r only when the body awaits)
      f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [
            f.createVariableDeclaration(frameVar, undefined, undefined, enter),
            ...(em.awaits ? [f.createVariableDeclaration(em.kernelVar, undefined, undefined, prop(fr, "$k")), f.createVariableDeclaration(em.resultVar)] : []),
          ],
          ts.NodeFlags.Let,
        ),
      ),
      dispatchTry(fr, cases, straightLine),
    ],
    true,
  );
  const slots = [...(file.scopes.slots.get(fn) ?? []), ...em.temps, ...em.tries.filter((t) => t.finallyLoc).map((t) => `$c${t.index}`)];
  slots.push(...outerEnvs.values());
  if (usesThis) slots.push("$this");
  if (usesArguments) slots.push("$args");
  const tries = em.tryTable();
  const meta: LoweredMeta = {
    name,
    slots,
    tries,
    lines: em.lines.map((l) => l ?? 0),
    layout: layoutHash({ slots, cases: em.caseCount, tries, resumePoints: em.resumePoints.map((l) => l.value), closures: fl.closures.length + (fieldThis ? 1 : 0) }),
    body: bodyHash(fn),
    length: expectedLength(fn.parameters),
    usesThis,
    usesArguments,
    generator: generator || undefined,
    home: generator ? generatorHome(fn) : undefined,
  };
  return { node: rebuild(fn, params, body), meta, closures: fl.closures, direct: fl.direct };
}

/**
 * The body's outer try: the dispatch loop over the cases or, for a body of one case (no await, no
 * lowered try, hence no jump), that case alone, since `caught` can then only record the error and
 * rethrow it and nothing re-enters a switch.
 * produces: try { $loop: for (;;) { try { switch ($f.$pc) { ... } } catch ($x) { $f = $rt.caught($f, $x); } } } finally { $rt.exit($f); }
 *      or:  try { ...case 0 } catch ($x) { $f = $rt.caught($f, $x); } finally { $rt.exit($f); }
 */
function dispatchTry(fr: ts.Identifier, cases: ts.CaseClause[], straightLine: boolean): ts.TryStatement {
  const caught = f.createCatchClause("$x", f.createBlock([stmt(assign(fr, call(rt("caught"), [fr, id("$x")])))], true));
  const exit = f.createBlock([stmt(call(rt("exit"), [fr]))], true);
  if (straightLine) return f.createTryStatement(f.createBlock(cases[0]!.statements, true), caught, exit);
  const dispatch = f.createTryStatement(f.createBlock([f.createSwitchStatement(f.createPropertyAccessExpression(fr, "$pc"), f.createCaseBlock(cases))], true), caught, undefined);
  const loop = f.createLabeledStatement("$loop", f.createForStatement(undefined, undefined, undefined, f.createBlock([dispatch], true)));
  return f.createTryStatement(f.createBlock([loop], true), undefined, exit);
}

/**
 * Simple parameters stay; others (defaults, patterns) become `$pN` and are
 * assigned in case 0, which a resumed activation never runs again.
 */
function lowerParameters(fl: FunctionLowering, params: readonly ts.ParameterDeclaration[], slotted: boolean): ts.ParameterDeclaration[] {
  const out: ts.ParameterDeclaration[] = [];
  params.forEach((p, index) => {
    if (ts.isIdentifier(p.name) && p.name.text === "this") {
      out.push(p);
      return;
    }
    const simple = ts.isIdentifier(p.name) && p.initializer === undefined;
    if (!slotted) {
      out.push(p);
      return;
    }
    const local = simple ? (p.name as ts.Identifier) : f.createIdentifier(`$p${index}`);
    out.push(f.createParameterDeclaration(undefined, p.dotDotDotToken, local, p.questionToken, p.type, undefined));
    let value: ts.Expression = f.createIdentifier(local.text);
    if (p.initializer && activeMutant() === "default-always") value = rewriteExpression(fl, p.initializer);
    else if (p.initializer) {
      // produces: $pN === undefined ? <default> : $pN
      value = f.createConditionalExpression(f.createStrictEquality(f.createIdentifier(local.text), undef()), undefined, rewriteExpression(fl, p.initializer), undefined, f.createIdentifier(local.text));
    }
    const target = bindingToTarget(p.name, (n) => frameReference(fl, n) ?? n, (x) => rewriteExpression(fl, x));
    fl.em.emitAssign(target, value);
  });
  return out;
}

function expectedLength(params: readonly ts.ParameterDeclaration[]): number {
  let n = 0;
  for (const p of params) {
    if (ts.isIdentifier(p.name) && p.name.text === "this") continue;
    if (p.initializer || p.dotDotDotToken) break;
    n++;
  }
  return n;
}

function usesLexical(sf: ts.SourceFile, body: ts.Node, what: "this" | "arguments"): boolean {
  // A body whose text never spells the word is not walked (most bodies, for `arguments`).
  if ((body.flags & ts.NodeFlags.Synthesized) === 0 && body.pos >= 0 && !spells(sf.text, body, what) && (what === "arguments" || !spells(sf.text, body, "super"))) return false;
  let found = false;
  const walk = (n: ts.Node): void => {
    if (found) return;
    if (isFunctionBoundary(n) && !ts.isArrowFunction(n)) return;
    // `super.m(...)` is called with `this` as its receiver, so it uses `this` too.
    if (what === "this" ? n.kind === ts.SyntaxKind.ThisKeyword || n.kind === ts.SyntaxKind.SuperKeyword : ts.isIdentifier(n) && n.text === "arguments") {
      found = true;
      return;
    }
    n.forEachChild(walk);
  };
  walk(body);
  return found;
}

function spells(text: string, node: ts.Node, word: string): boolean {
  const at = text.indexOf(word, node.pos);
  return at >= 0 && at < node.end;
}

function rebuild(fn: ts.FunctionLikeDeclaration, params: ts.ParameterDeclaration[], body: ts.Block): LoweredFunction["node"] {
  // No asterisk: a lowered generator is an ordinary function that returns the generator it makes.
  const mods = fn.modifiers?.filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword || ts.isDecorator(m) || m.kind === ts.SyntaxKind.StaticKeyword || m.kind === ts.SyntaxKind.PublicKeyword || m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword || m.kind === ts.SyntaxKind.OverrideKeyword);
  if (ts.isArrowFunction(fn)) return f.createArrowFunction(mods as ts.Modifier[] | undefined, fn.typeParameters, params, fn.type, fn.equalsGreaterThanToken, body);
  if (ts.isMethodDeclaration(fn)) return f.updateMethodDeclaration(fn, mods, undefined, fn.name, fn.questionToken, fn.typeParameters, params, fn.type, body);
  const asyncOnly = fn.modifiers?.filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword) as ts.Modifier[] | undefined;
  return f.createFunctionExpression(asyncOnly, undefined, fn.name as ts.Identifier | undefined, fn.typeParameters, params, fn.type, body);
}
