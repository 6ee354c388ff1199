// Each await takes the smallest form that keeps its speed (await-operands.ts):
// - a call or `new` (a durable call, a helper's, a parameter's, `dispatch.sleep`) waits and resumes
//   through the hooks, with no inline test;
// - a promise the engine cannot own (`new Promise`) flips the state inline, hook `$rt.wo` otherwise;
// - anything else (`await x`) waits inline when it is a primitive.
import * as dispatch from "dispatch-ts";

export const price = dispatch.function(async function price(id: string) {
  return id.length;
});

let reassigned = dispatch.function(async function reassigned(id: string) {
  return id.length * 2;
});

const helper = dispatch.durable(async function helper(n: number) {
  await dispatch.sleep("1s");
  return n + 1;
});

export const total = dispatch.function(async function total(ids: string[], source: () => Promise<number>, x: number) {
  let sum = await price(ids[0]!);
  sum += await helper(sum);
  await dispatch.sleep("2s");
  sum += await reassigned(ids[1]!);
  sum += await source();
  sum += await new Promise<number>((resolve) => resolve(1));
  sum += await x;
  {
    const dispatch = { sleep: (s: string) => Promise.resolve(s.length) };
    sum += await dispatch.sleep("3s");
  }
  return sum;
});

export function swap() {
  reassigned = price;
}
