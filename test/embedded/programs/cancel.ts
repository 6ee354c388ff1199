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

/** What the compensations did, in order (read by the test runner in the same process). */
export const ledger: string[] = [];

export const refund = dispatch.function(async function refund(what: string) {
  ledger.push(`refund ${what}`);
  return `refunded ${what}`;
});

export const note = dispatch.function(async function note(what: string) {
  ledger.push(what);
});

/** Waits long; when cancelled, its catch refunds (a durable call) and its finally still runs. */
export const booking = dispatch.function(async function booking(id: string) {
  try {
    await dispatch.sleep("1h");
    return "booked";
  } catch (e) {
    const done = await refund(id);
    await note(`booking ${id} caught ${(e as Error).name}: ${done}`);
    throw e;
  } finally {
    await note(`booking ${id} finally`);
  }
});

export const approval = dispatch.function(async function approval(id: string) {
  try {
    return await dispatch.waitForEvent<string>(`approve:${id}`);
  } catch (e) {
    await refund(`approval ${id}`);
    throw e;
  } finally {
    await note(`approval ${id} finally`);
  }
});

/** Cancelled as a whole: it and the booking it waits on both compensate. */
export const trip = dispatch.function(async function trip(id: string) {
  try {
    return await booking(id);
  } catch (e) {
    await note(`trip ${id} caught ${(e as Error).name}`);
    throw e;
  }
});
