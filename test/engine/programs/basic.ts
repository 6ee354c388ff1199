// Durable functions driven by the engine tests through RunRequests.
import * as dispatch from "dispatch-ts";

export const double = dispatch.function(async function double(n: number) {
  return n * 2;
});

export const fails = dispatch.function(async function fails(message: string) {
  throw new dispatch.PermanentError(message);
});

export const sequential = dispatch.function(async function sequential(n: number) {
  let total = 0;
  for (let i = 1; i <= n; i++) total += await double(i);
  return total;
});

export const gatherThree = dispatch.function(async function gatherThree() {
  return await dispatch.gather([double(1), double(2), double(3)]);
});

export const catches = dispatch.function(async function catches() {
  try {
    await fails("nope");
    return "not reached";
  } catch (e) {
    return `caught ${(e as Error).name}: ${(e as Error).message}`;
  } finally {
    await double(0);
  }
});

export const anySuccess = dispatch.function(async function anySuccess() {
  return await dispatch.any([fails("a"), double(21), fails("b")]);
});

export const raceFirst = dispatch.function(async function raceFirst() {
  return await dispatch.race([double(5), double(6)]);
});

export const sleeper = dispatch.function(async function sleeper() {
  await dispatch.sleep("1s");
  return "woke";
});
