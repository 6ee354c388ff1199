// 99004: an operand evaluated before a durable await in the same expression.
import * as dispatch from "dispatch-ts";
import { step } from "./steps.js";
import { plainPages } from "./plain.js";

function report(controller: AbortController, n: number): number {
  controller.abort();
  return n;
}

export const temporary = dispatch.function(async function temporary(n: number) {
  return report(new AbortController(), await step(n));
});

async function one() {
  return 1;
}

export const later = dispatch.function(async function later() {
  const x = report(new AbortController(), await one());
  return await step(x);
});

// Lowered (a module with durable code, no enclosing function): the loop saves its object.
function* pages(): Generator<number> {
  yield 1;
}

export const paged = dispatch.function(async function paged() {
  let total = 0;
  for (const p of plainPages()) total += await step(p);
  for (const p of pages()) total += await step(p);
  for (const [k] of new Map([["a", 1]]).entries()) total += await step(k.length);
  return total;
});
