// Durable programs run by test/embedded/embedded.test.ts through dispatch.run on the embedded
// scheduler (real store, real retries, real timers), from a child process.
import * as dispatch from "dispatch-ts";

const attempts = new Map<string, number>();

export const flaky = dispatch.function(async function flaky(key: string) {
  const n = (attempts.get(key) ?? 0) + 1;
  attempts.set(key, n);
  if (n < 3) throw new dispatch.ThrottledError(`busy (attempt ${n})`);
  return `${key} after ${n} attempts`;
});

export const square = dispatch.function(async function square(n: number) {
  return n * n;
});

export const pipeline = dispatch.function(async function pipeline(xs: number[]) {
  const squares = await dispatch.gather(xs.map((x) => square(x)));
  const retried = await flaky("k");
  await dispatch.sleep("1s");
  return { squares, retried };
});

export const approval = dispatch.function(async function approval(id: string) {
  const decision = await dispatch.waitForEvent<{ ok: boolean }>(`approve:${id}`, { timeout: "30s" });
  return decision.ok ? `approved ${id}` : `rejected ${id}`;
});

export const impatient = dispatch.function(async function impatient() {
  try {
    await dispatch.waitForEvent("never", { timeout: "1s" });
    return "got it";
  } catch (e) {
    return `gave up: ${(e as Error).name}`;
  }
});

export const countdown = dispatch.function(async function countdown(n: number): Promise<string> {
  if (n === 0) return "liftoff";
  await square(n);
  return dispatch.reset(countdown, n - 1);
});

export const permanent = dispatch.function(async function permanent() {
  await square(2);
  throw new dispatch.PermanentError("no way");
});
