// 99006: a combinator that mixes durable calls and ordinary promises.
import * as dispatch from "dispatch-ts";
import { step } from "./steps.js";

async function lookup(n: number) {
  return n;
}

export const mixed = dispatch.function(async function mixed(n: number) {
  const first = await Promise.race([step(n), lookup(n)]);
  const all = await dispatch.gather([step(1), lookup(2)]);
  const fine = await Promise.all([step(1), step(2)]);
  const local = await Promise.all([lookup(1), lookup(2)]);
  return [first, all, fine, local];
});
