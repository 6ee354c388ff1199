// Durable programs run by test/embedded/losers.test.ts through dispatch.run: the loser of a race
// is waiting in a durable sleep when the race is decided, and its catch/finally still run.
import * as dispatch from "dispatch-ts";

/** What the compensations did, in order (read by the runner in the same process). */
export const ledger: string[] = [];

export const note = dispatch.function(async function note(what: string) {
  ledger.push(what);
});

/** Not instant, so that the loser is surely asleep when the race is decided. */
export const fast = dispatch.function(async function fast() {
  await dispatch.sleep("300ms");
  return "fast";
});

/** Holds something for an hour; when cancelled it lets go in its catch and finally. */
export const holder = dispatch.function(async function holder(id: string) {
  try {
    await dispatch.sleep("1h");
    return "held";
  } catch (e) {
    await note(`holder ${id} caught ${(e as Error).name}`);
    throw e;
  } finally {
    await note(`holder ${id} finally`);
  }
});

/** Decided in the run that returns: the Exit names the loser. */
export const raceAndReturn = dispatch.function(async function raceAndReturn(id: string) {
  return await dispatch.race([fast(), holder(id)]);
});

/** Decided mid-way: the Poll that carries on names the loser, which compensates meanwhile. */
export const raceAndGoOn = dispatch.function(async function raceAndGoOn(id: string) {
  const first = await dispatch.any([fast(), holder(id)]);
  await note(`${id} went on after ${first}`);
  return first;
});
