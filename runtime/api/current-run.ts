// The run of the durable call executing synchronously right now, if any.
import { context } from "../engine/context.js";
import type { Run } from "../engine/run.js";

export function currentRun(): Run | undefined {
  const f = context.running();
  if (f === null) return undefined;
  const run = f.$k.tree.run;
  return run === null ? undefined : (run as Run);
}
