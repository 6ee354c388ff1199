// The app project: a scheduled function that makes durable calls (each one
// suspends it to bytes; a new activation resumes it) and awaits a helper of
// the referenced project.
import * as dispatch from "dispatch-ts";
// The library emits next to its sources, so this path is right for tsc (which
// reads lib/src/steps.d.ts, the referenced project's output) and for Node.
import { total } from "../../lib/src/steps.js";

export const square = dispatch.function(async function square(n: number): Promise<number> {
  return n * n;
});

export const report = dispatch.function(async function report(xs: number[]): Promise<{ squares: number[]; total: number }> {
  const squares: number[] = [];
  for (const x of xs) {
    squares.push(await square(x));
  }
  return { squares, total: await total(squares) };
});
