"use durable";
// Durable helpers whose errors escape: the test reads the first frame of each
// error's stack (native async stack traces), before and after an await, which
// DISPATCH_SUSPEND_EVERY_AWAIT=1 turns into a round trip through bytes.
import { fail } from "./fail.js";

async function tick(): Promise<number> {
  await null;
  return 1;
}

export async function escapes(when: "before" | "after"): Promise<number> {
  let total = 0;
  if (when === "before") fail("escapes before"); // line:escapes-before
  for (let i = 0; i < 2; i++) {
    total += await tick();
  }
  const result = total +
    fail("escapes after"); // line:escapes-after
  return result;
}
