// dispatch.sleep(duration): a durable timer. Inside a durable body it is a
// call to the scheduler's reserved function `dispatch_ts.sleep`, so the caller
// suspends to bytes; outside one it is an ordinary timer.
import { sleepInput, SLEEP_FUNCTION } from "../scheduler/reserved.js";
import { settings } from "../engine/settings.js";
import { currentRun } from "./current-run.js";
import { parseDuration } from "./duration.js";

export function sleep(duration: number | string): Promise<void> {
  const ms = parseDuration(duration);
  const run = currentRun();
  if (settings.native || run === undefined) return new Promise((resolve) => setTimeout(resolve, ms));
  return run.newCall({ function: SLEEP_FUNCTION, input: sleepInput(ms) }, []) as unknown as Promise<void>;
}
