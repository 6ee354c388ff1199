// Durable functions the engine and scheduler benchmarks drive (bench/engine.bench.mjs,
// bench/scheduler.bench.mjs). Compiled by our transformer into .cache/bench-<pid>/ at the start
// of each run, so they always measure the current lowering. The `_round` arguments only make each
// round's root call distinct: root calls carry idempotency keys (function + arguments), so the same
// call run twice on one file store would return the first run's result.
import * as dispatch from "dispatch-ts";

/** The trivial call: what each step of a sequence and each branch of a fan-out runs. */
export const step = dispatch.function(async function step(i: number) {
  return i + 1;
});

/** K durable calls one after the other: one Poll and one resume per call. */
export const sequence = dispatch.function(async function sequence(k: number, _round = 0) {
  let total = 0;
  for (let i = 0; i < k; i++) total += await step(i);
  return total;
});

/** N durable calls from one workflow, awaited together: one Poll with N calls. */
export const fanOut = dispatch.function(async function fanOut(n: number, _round = 0) {
  const calls = [];
  for (let i = 0; i < n; i++) calls.push(step(i));
  const results = await dispatch.gather(calls);
  let total = 0;
  for (const r of results) total += r;
  return total;
});
