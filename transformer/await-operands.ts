// What an await's operand is, judged by its syntax, so that each await is emitted in the
// smallest form that keeps its speed (explode-expression.ts, Exploder.awaitValue):
// - "plain": a promise the engine cannot own (plain-awaits.ts): the state flips inline, and the
//   hook `$rt.wo` runs only when the kernel is not simply running;
// - "call": any other call or `new`. Its value is almost always a promise, which may be the
//   engine's: the inline wait's `typeof` test would fail for it, and a resume written inline after
//   the one hook call measured no faster than the second hook (docs/BENCHMARKS.md, "Seventh
//   session"), so both halves are hook calls, with no inline test;
// - "unknown": anything else (`await x`, `await obj.p`): a primitive waits and resumes inline by a
//   `typeof` test (a loop awaiting a counter stays near native), anything else takes the hooks.
// Every form is correct for every value: the hooks handle all the states, and the inline paths
// are guarded; the forms differ only in size and in which values take a hook call. The printed
// code of an await is a large part of a durable module (86 nodes in the "unknown" form against
// 20 in the "call" form), and the build pays for every node (docs/BENCHMARKS.md, "Smaller generated code").
import ts = require("typescript");
import { skipOuter } from "./factory.js";
import { awaitsPlainPromise } from "./plain-awaits.js";
import type { FunctionLowering } from "./lowering-context.js";

export type AwaitOperand = "plain" | "call" | "unknown";

export function awaitOperand(fl: FunctionLowering, operand: ts.Expression): AwaitOperand {
  if (awaitsPlainPromise(fl, operand)) return "plain";
  const e = skipOuter(operand);
  return ts.isCallExpression(e) || ts.isNewExpression(e) ? "call" : "unknown";
}
