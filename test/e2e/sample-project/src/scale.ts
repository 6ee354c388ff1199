// The other way to mark a helper: `dispatch.durable(...)` around one function.
import * as dispatch from "dispatch-ts";
import { total } from "./steps.js";

export const scaled = dispatch.durable(async function scaled(xs: number[], factor = 10): Promise<{ sum: number; scaled: number }> {
  const sum = await total(xs, 1000);
  return { sum, scaled: sum * factor };
});
