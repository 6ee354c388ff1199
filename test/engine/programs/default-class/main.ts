// Uses the anonymous default class of ./accumulator.js across durable calls.
import * as dispatch from "dispatch-ts";
import Accumulator from "./accumulator.js";

export const accumulate = dispatch.function(async function accumulate(ns: number[]) {
  const acc = new Accumulator();
  for (const n of ns) await acc.add(n);
  const first = await Accumulator.fresh(ns[0]!);
  return [acc.total, first, acc instanceof Accumulator, Accumulator.name, acc.add.name];
});
