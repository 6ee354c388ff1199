// Where a generator object comes from, which decides whether the run time can
// save it: the transformer lowers the sync generators of a module with durable
// code that no function encloses (transformer/lower-generator.ts), and their
// objects are frames; every other generator object is native and refused. The
// type (Generator, IterableIterator, ...) is the same for both, so the checker
// follows the expression that made the value to the generator's declaration.
//
// Answers "unknown" when it cannot follow (a parameter, a value from a
// function that is not a generator, a library's generator: a library built
// with dispatch-ts lowers its own): those are left to the run-time error.
import ts = require("typescript");
import { isFunctionBoundary } from "../contains-await.js";
import { isSyncGenerator } from "../lower-generator.js";
import { skipOuter } from "./durable-awaits.js";
import type { ProgramFacts } from "./program-facts.js";
import { isPlatformSymbol } from "./unserializable-type.js";

export type GeneratorOrigin = "lowered" | "native" | "unknown";

/** The origin of the generator object (or iterator) that an expression evaluates to. */
export function generatorOrigin(facts: ProgramFacts, expr: ts.Expression): GeneratorOrigin {
  const e = skipOuter(expr);
  if (!ts.isCallExpression(e)) return "unknown";
  const callee = facts.calleeOf(e);
  if (callee !== undefined) {
    if (callee.asteriskToken === undefined) return "unknown";
    return isLoweredGenerator(facts, callee) ? "lowered" : "native";
  }
  // No body: the platform's iterators (map.keys(), str.matchAll(...)) are never lowered generators.
  const s = facts.checker.getSymbolAtLocation(skipOuter(e.expression));
  return s !== undefined && isPlatformSymbol(facts, s) ? "native" : "unknown";
}

/** The rule of findGenerators (lower-generator.ts), asked of a declaration of the program. */
export function isLoweredGenerator(facts: ProgramFacts, fn: ts.FunctionLikeDeclaration): boolean {
  if (!isSyncGenerator(fn)) return false; // async generators are never lowered
  const sf = fn.getSourceFile();
  if (sf.isDeclarationFile || !facts.hasDurableCode(sf)) return false;
  for (let p: ts.Node | undefined = fn.parent; p !== undefined; p = p.parent) if (isFunctionBoundary(p)) return false;
  return true;
}
