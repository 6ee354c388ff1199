// Diagnostics 99005 and 99006, about what a durable body calls:
// - an unmarked async function that awaits durable calls (directly or through
//   other unmarked async functions): its awaits were not lowered, so the first
//   durable call it awaits fails at run time ("cannot await the durable call
//   ... in code the transformer did not lower");
// - a combinator (Promise.all/allSettled/any/race, dispatch.gather/all/any/race)
//   whose literal list mixes durable calls or helpers with ordinary promises:
//   the combined wait suspends durably, and the ordinary promise in it cannot
//   be saved.
// Only the calls of the durable body itself are checked (not those of the
// functions nested in it), and only what the types and declarations show.
import ts = require("typescript");
import { Diag } from "./codes.js";
import { functionLabel, isOrdinaryPromise } from "./check-frame-state.js";
import { awaitsDurably, bodyIndex, combinatorItems, isDurableOperand, promiseCombinator, unmarkedAsyncCallee } from "./durable-awaits.js";
import type { ProgramFacts } from "./program-facts.js";
import type { Reporter } from "./reporter.js";

const DISPATCH_COMBINATORS = new Set(["gather", "all", "any", "race"]);

export function checkCalls(facts: ProgramFacts, fn: ts.FunctionLikeDeclaration, reporter: Reporter): void {
  const where = functionLabel(fn);
  // Nested functions are checked as bodies of their own (an async one is a helper: findDurable).
  for (const n of bodyIndex(fn).callsAndNested) {
    if (ts.isCallExpression(n)) {
      checkUnmarked(facts, n, where, reporter);
      checkCombinator(facts, n, reporter);
    }
  }
}

function checkUnmarked(facts: ProgramFacts, call: ts.CallExpression, where: string, reporter: Reporter): void {
  const target = unmarkedAsyncCallee(facts, call);
  if (target === undefined || !awaitsDurably(facts, target)) return;
  const name = functionLabel(target);
  reporter.report(
    Diag.unmarkedAwaitsDurable,
    call,
    `${name} is an ordinary async function that awaits durable calls, so calling it from the durable function ${where} fails at run time; mark it with dispatch.durable(...) (or put "use durable" at the top of its file), or await the durable calls in ${where} itself`,
    [{ node: target.name ?? target, message: `${name} is declared here` }],
  );
}

function checkCombinator(facts: ProgramFacts, call: ts.CallExpression, reporter: Reporter): void {
  const api = facts.apiOf(call.expression);
  const combinator = api !== undefined && DISPATCH_COMBINATORS.has(api) ? `dispatch.${api}` : promiseCombinator(facts, call) !== undefined ? `Promise.${(call.expression as ts.PropertyAccessExpression).name.text}` : undefined;
  if (combinator === undefined) return;
  const items = combinatorItems(call);
  if (items === undefined) return;
  const plain = items.map((i) => (ts.isSpreadElement(i) ? i.expression : i));
  const durable = plain.find((i) => isDurableOperand(facts, i));
  const ordinary = plain.find((i) => isOrdinaryPromise(facts, i));
  if (durable === undefined || ordinary === undefined) return;
  reporter.report(
    Diag.mixedCombinator,
    ordinary,
    `${combinator} mixes durable calls and this ordinary promise: while it waits on the durable calls the function is suspended and saved, and an ordinary promise cannot be saved; await the ordinary work before (or after) the combinator, or make it a durable call or a durable helper`,
    [{ node: durable, message: "a durable call in the same combinator" }],
  );
}
