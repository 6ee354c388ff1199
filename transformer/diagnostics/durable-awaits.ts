// Which awaits are durable: the ones the engine can suspend at (a durable
// call, a dispatch.* directive, a durable helper that may itself suspend, or a
// Promise combinator over those). Only state live at such an await is ever
// serialized in production; an ordinary await (fetch, a timer) runs in
// process and keeps whatever it likes.
//
// Guarantees: `true` only where the types or the declarations show it (no
// false positives); an operand it cannot see through (a promise passed in as a
// parameter, an `any`) is treated as ordinary.
import ts = require("typescript");
import { isFunctionBoundary } from "../contains-await.js";
import { memoOf, type ProgramFacts } from "./program-facts.js";

export const DIRECTIVES = new Set(["sleep", "waitForEvent", "gather", "all", "any", "race"]);
export const PROMISE_COMBINATORS = new Set(["all", "allSettled", "any", "race"]);

/** What the checks look at in a function's own body (not in the functions nested in it), in source order. */
export interface BodyIndex {
  awaits: ts.AwaitExpression[];
  /** Its call expressions and the function-like nodes nested in it (their bodies not entered). */
  callsAndNested: ts.Node[];
  forOfs: ts.ForOfStatement[];
}

const indexes = new WeakMap<ts.Node, BodyIndex>();

/** One walk of a function's own body for every check that asks (several checks, and every caller's awaitsDurably). */
export function bodyIndex(fn: ts.FunctionLikeDeclaration): BodyIndex {
  let index = indexes.get(fn);
  if (index !== undefined) return index;
  const out: BodyIndex = { awaits: [], callsAndNested: [], forOfs: [] };
  const walk = (n: ts.Node): void => {
    if (n !== fn && isFunctionBoundary(n)) {
      out.callsAndNested.push(n);
      return;
    }
    if (ts.isAwaitExpression(n)) out.awaits.push(n);
    else if (ts.isCallExpression(n)) out.callsAndNested.push(n);
    else if (ts.isForOfStatement(n)) out.forOfs.push(n);
    n.forEachChild(walk);
  };
  if (fn.body !== undefined) walk(fn.body);
  indexes.set(fn, (index = out));
  return index;
}

/** The awaits that belong to a function (not to the functions nested in it). */
export function ownAwaits(fn: ts.FunctionLikeDeclaration): readonly ts.AwaitExpression[] {
  return bodyIndex(fn).awaits;
}

export function skipOuter(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** `Promise.all(...)` and friends, with `Promise` the global one. */
export function promiseCombinator(facts: ProgramFacts, call: ts.CallExpression): string | undefined {
  const c = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(c) || !ts.isIdentifier(c.expression) || c.expression.text !== "Promise") return undefined;
  if (!PROMISE_COMBINATORS.has(c.name.text)) return undefined;
  const s = facts.checker.getSymbolAtLocation(c.expression);
  const decls = s?.declarations ?? [];
  if (decls.length === 0 || !decls.every((d) => facts.program.isSourceFileDefaultLibrary(d.getSourceFile()))) return undefined;
  return c.name.text;
}

/** The expressions a combinator's argument lists (array literal elements), or undefined when not literal. */
export function combinatorItems(call: ts.CallExpression): readonly ts.Expression[] | undefined {
  const arg = call.arguments[0];
  if (arg === undefined) return undefined;
  const a = skipOuter(arg);
  return ts.isArrayLiteralExpression(a) ? a.elements : undefined;
}

/** How many awaitsDurably questions are open (their answers provisional until they close). */
let deciding = 0;

/** Whether awaiting `e` may suspend the caller durably. */
export function isDurableOperand(facts: ProgramFacts, expr: ts.Expression, seen?: Set<ts.Node>): boolean {
  // Asked of each await by several checks, so a fresh question's answer is kept; not one asked
  // while awaitsDurably is still deciding a helper (inside a cycle of helpers that await each
  // other, that helper counts as not suspending only until its answer is known).
  if (seen !== undefined || deciding > 0) return durableOperand(facts, expr, seen ?? new Set());
  const memo = memoOf<boolean>(facts, "isDurableOperand");
  let hit = memo.get(expr);
  if (hit === undefined) memo.set(expr, (hit = durableOperand(facts, expr, new Set())));
  return hit;
}

function durableOperand(facts: ProgramFacts, expr: ts.Expression, seen: Set<ts.Node>): boolean {
  const e = skipOuter(expr);
  if (seen.has(e)) return false;
  seen.add(e);
  if (facts.isDurableCallType(facts.checker.getTypeAtLocation(e))) return true;
  if (ts.isCallExpression(e)) {
    const api = facts.apiOf(skipOuter(e.expression));
    if (api !== undefined) return DIRECTIVES.has(api);
    if (promiseCombinator(facts, e) !== undefined) {
      const items = combinatorItems(e);
      if (items !== undefined) return items.some((i) => isDurableOperand(facts, ts.isSpreadElement(i) ? i.expression : i, seen));
      return elementIsDurableCall(facts, e.arguments[0]);
    }
    const fn = facts.calleeOf(e);
    if (fn === undefined) return false;
    const role = facts.roleOf(fn);
    if (role?.kind === "function") return true;
    if (role?.kind === "helper") return helperMaySuspend(facts, fn);
    return false;
  }
  if (ts.isIdentifier(e)) {
    // const p = helper(...); ... await p
    const s = facts.checker.getSymbolAtLocation(e);
    const d = s?.valueDeclaration;
    if (d !== undefined && ts.isVariableDeclaration(d) && d.initializer !== undefined && (ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) !== 0) {
      return isDurableOperand(facts, d.initializer, seen);
    }
  }
  return false;
}

/** Whether an array-typed argument holds durable calls (`calls.map((x) => f(x))`). */
function elementIsDurableCall(facts: ProgramFacts, arg: ts.Expression | undefined): boolean {
  if (arg === undefined) return false;
  const t = facts.checker.getTypeAtLocation(arg);
  const el = facts.checker.getIndexTypeOfType(t, ts.IndexKind.Number);
  return el !== undefined && facts.isDurableCallType(el);
}

/** Whether a durable helper may suspend: some await of its body is durable (cycles count as not). */
export function helperMaySuspend(facts: ProgramFacts, fn: ts.FunctionLikeDeclaration): boolean {
  return awaitsDurably(facts, fn, "helperMaySuspend");
}

/** Whether an async function's own awaits include a durable one (directly, or through unmarked async functions it awaits). */
export function awaitsDurably(facts: ProgramFacts, fn: ts.FunctionLikeDeclaration, table = "awaitsDurably"): boolean {
  const memo = memoOf<boolean>(facts, table);
  const hit = memo.get(fn);
  if (hit !== undefined) return hit;
  memo.set(fn, false);
  let found = false;
  deciding++;
  try {
    for (const a of ownAwaits(fn)) {
      if (isDurableOperand(facts, a.expression)) found = true;
      else if (table === "awaitsDurably") {
        const inner = unmarkedAsyncCallee(facts, a.expression);
        if (inner !== undefined && awaitsDurably(facts, inner)) found = true;
      }
      if (found) break;
    }
  } finally {
    deciding--;
  }
  memo.set(fn, found);
  return found;
}

/** The unmarked async function a call expression invokes (not durable, with a body), if any. */
export function unmarkedAsyncCallee(facts: ProgramFacts, expr: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const e = skipOuter(expr);
  if (!ts.isCallExpression(e)) return undefined;
  const fn = facts.calleeOf(e);
  if (fn === undefined || facts.roleOf(fn) !== undefined) return undefined;
  if ((ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) === 0 || fn.getSourceFile().isDeclarationFile) return undefined;
  return fn;
}

