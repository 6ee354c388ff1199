// Each await takes the smallest form that keeps its speed (await-operands.ts):
// - the engine's own awaitables (a `dispatch.function` or `dispatch.durable` const of the module,
//   `dispatch.sleep`; also a lowered function declaration: golden plain-awaits, `later`) wait and
//   resume through the hooks, with no inline test;
// - other calls and `new` wait through `$rt.w` and resume inline;
// - anything else (`await x`) waits inline when it is a primitive;
// - a `let` binding, a written one, or a shadowed `dispatch` is not known to be the engine's.
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
