// Durable programs run by test/embedded/cancel.test.ts on the embedded scheduler: the losers of
// a race, and compensations that run when a waiting call is cancelled.
import * as dispatch from "dispatch-ts";

/** Not instant, so that the loser is surely asleep when the race is decided. */
export const fast = dispatch.function(async function fast() {
  await dispatch.sleep("300ms");
  return "fast";
});

export const slowSleeper = dispatch.function(async function slowSleeper() {
  await dispatch.sleep("1h");
  return "slow";
});

/** The race is decided in the run that returns: its Exit names the loser to cancel. */
export const racer = dispatch.function(async function racer() {
  return await dispatch.race([fast(), slowSleeper()]);
});
