// dispatch.context(): the running call's dispatch id, parent and root ids,
// attempt number, creation and expiration times.
import type { CallContext } from "../engine/run.js";
import { currentRun } from "./current-run.js";

export function callContext(): CallContext {
  const run = currentRun();
  if (run === undefined) throw new Error("cannot read dispatch.context(): no durable call is running here (call it inside a dispatch.function, before its first await or after any)");
  return { ...run.context };
}
