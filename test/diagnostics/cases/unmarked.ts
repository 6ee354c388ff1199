// 99005: a durable body calls an unmarked async function that awaits durable calls.
import * as dispatch from "dispatch-ts";
import { step } from "./steps.js";

async function twice(n: number) {
  return (await step(n)) + (await step(n));
}

async function viaTwice(n: number) {
  return await twice(n);
}

async function plain(n: number) {
  return n * 2;
}

export const caller = dispatch.function(async function caller(n: number) {
  const a = await twice(n);
  const b = await viaTwice(a);
  return (await plain(b)) + (await step(b));
});

export const fanOut = dispatch.function(async function fanOut(ns: number[]) {
  const direct = await dispatch.gather(ns.map((n) => step(n)));
  const viaArrows = await Promise.all(ns.map(async (n) => (await step(n)) * 2));
  return [direct, viaArrows];
});
