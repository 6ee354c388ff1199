// Durable code whose errors are traced back to this file: each line that
// throws carries a marker comment (`line:<name>`) that the test looks up, so
// the expected line numbers follow the file when it is edited.
import * as dispatch from "dispatch-ts";
import { fail, firstFrameIn, Refused } from "./fail.js";

export const step = dispatch.function(async function step(n: number): Promise<number> {
  return n + 1;
});

/** Catches its own errors (the stack is taken where they are made) before and after a durable call. */
export const traced = dispatch.function(async function traced(label: string): Promise<Record<string, string>> {
  const frames: Record<string, string> = {};
  try {
    fail(`${label} before`); // line:before-resume
  } catch (e) {
    frames.before = firstFrameIn(e, "traced.ts");
  }
  // A durable call: the function suspends to bytes here and a new activation resumes it.
  const next = await step(1);
  try {
    const scaled = { by: next };
    fail(`${label} after ${scaled.by}`); // line:after-resume
  } catch (e) {
    frames.after = firstFrameIn(e, "traced.ts");
  }
  try {
    // The constructor call spans lines; the frame is the line of `new`.
    const made = new Refused( // line:construct
      await step(2),
      label,
    );
    frames.unreachable = String(made);
  } catch (e) {
    frames.construct = firstFrameIn(e, "traced.ts");
  }
  try {
    const missing = (await step(3)) > 0 ? undefined : { z: 1 };
    // Destructuring undefined throws in the lowered code itself, not in a callee.
    const { z } = missing as unknown as { z: number }; // line:destructure
    frames.unreachable = String(z);
  } catch (e) {
    frames.destructure = firstFrameIn(e, "traced.ts");
  }
  for (const x of [1, 2]) {
    await step(x);
    if (x === 2) {
      try {
        const { y } = { y: fail(`${label} in a loop`) }; // line:in-loop
        frames.unreachable = String(y);
      } catch (e) {
        frames.loop = firstFrameIn(e, "traced.ts");
      }
    }
  }
  return frames;
});
