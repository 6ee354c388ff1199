// What an await's operand is, judged by its syntax, so that each await is emitted in the
// smallest form that keeps its speed (explode-expression.ts, Exploder.awaitValue):
// - "plain": a promise the engine cannot own (plain-awaits.ts): inline state flips, hook `$rt.wo`
//   only when the kernel is not simply running;
// - "engine": the engine's own awaitable, on which the inline path never applies: a call of a
//   `dispatch.function` or `durable` binding of the module, of a lowered function declaration of
//   the module (a helper: its wrapper returns a stamped promise), or a `sleep` / `waitForEvent`
//   directive. Both hooks are called, with no inline test;
// - "call": any other call or `new`: almost always a promise, which may be the engine's, so the
//   wait goes through `$rt.w` at once (an inline `typeof` test would fail for every object) and
//   only the resume is inline (an ordinary promise leaves the kernel in WaitingOrdinary);
// - "unknown": anything else (`await x`, `await obj.p`): a primitive goes inline by a `typeof`
//   test, anything else through the hooks.
// Every form is correct for every value: the hooks handle all the states, and the inline paths
// are guarded. The forms differ only in size and in which values take a hook call. The printed
// code of an await is a large part of a durable module (86 nodes for the "unknown" form against
// 20 for "engine"), and the build's cost grows with it (docs/BENCHMARKS.md, "Smaller awaits").
import ts = require("typescript");
import { skipOuter } from "./factory.js";
import { awaitsPlainPromise, declaringNames, writtenBindings } from "./plain-awaits.js";
import { runtimeCallee, runtimeImports, type RuntimeImports } from "./find-durable.js";
import type { FunctionLowering } from "./lowering-context.js";

export type AwaitOperand = "plain" | "engine" | "call" | "unknown";

// The runtime's directives whose result is always the engine's awaitable.
const ENGINE_DIRECTIVES = new Set(["sleep", "waitForEvent"]);
const MARKING_APIS = new Set(["function", "durable"]);

const importsOf = new WeakMap<ts.SourceFile, RuntimeImports>();

export function awaitOperand(fl: FunctionLowering, operand: ts.Expression): AwaitOperand {
  if (awaitsPlainPromise(fl, operand)) return "plain";
  const e = skipOuter(operand);
  if (ts.isNewExpression(e)) return "call";
  if (!ts.isCallExpression(e)) return "unknown";
  return e.questionDotToken === undefined && callsEngine(fl, e) ? "engine" : "call";
}

function callsEngine(fl: FunctionLowering, e: ts.CallExpression): boolean {
  const file = fl.file.sourceFile;
  let imports = importsOf.get(file);
  if (imports === undefined) importsOf.set(file, (imports = runtimeImports(file)));
  const api = runtimeCallee(e, imports);
  // A runtime name shadowed by a local is not the runtime's.
  const head = ts.isPropertyAccessExpression(e.expression) ? e.expression.expression : e.expression;
  if (api !== undefined && ENGINE_DIRECTIVES.has(api)) return ts.isIdentifier(head) && moduleBinding(fl, head) !== undefined;
  if (!ts.isIdentifier(e.expression)) return false;
  const d = moduleBinding(fl, e.expression);
  if (d === undefined || writtenBindings(fl.file.scopes).has(d)) return false;
  const named = declaringNames(fl.file.scopes).get(d);
  if (named === undefined || named.length !== 1) return false;
  const decl = named[0]!.parent;
  // A lowered function declaration of the module: wrapped as a helper.
  if (ts.isFunctionDeclaration(decl)) return decl.name === named[0] && fl.file.lowered.has(decl);
  // `const f = dispatch.function(async ...)`: the call gives a durable call.
  if (!ts.isVariableDeclaration(decl) || decl.name !== named[0] || decl.initializer === undefined) return false;
  if ((decl.parent.flags & ts.NodeFlags.Const) === 0) return false;
  const init = skipOuter(decl.initializer);
  if (!ts.isCallExpression(init)) return false;
  const marking = runtimeCallee(init, imports);
  return marking !== undefined && MARKING_APIS.has(marking) && isRuntimeName(fl, init.expression);
}

/** The module-level declaration an identifier refers to, if it has one. */
function moduleBinding(fl: FunctionLowering, name: ts.Identifier) {
  const d = fl.file.scopes.resolved.get(name);
  return d !== undefined && d.owner === undefined && ts.isSourceFile(d.scope) ? d : undefined;
}

/** Whether the callee's leading name (`dispatch` of `dispatch.function`, or `fn`) is the runtime import itself, not a shadowing local. */
function isRuntimeName(fl: FunctionLowering, callee: ts.Expression): boolean {
  const head = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  return ts.isIdentifier(head) && moduleBinding(fl, head) !== undefined;
}
