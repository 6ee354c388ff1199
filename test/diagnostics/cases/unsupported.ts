// 99001: constructs a durable body cannot keep.
import * as dispatch from "dispatch-ts";
import { step } from "./steps.js";

export const evaluates = dispatch.function(async function evaluates(code: string) {
  const n = await step(1);
  return eval(code) + n;
});
