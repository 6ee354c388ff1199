"use durable";
// The workloads of bench/transformer.bench.mjs, in plain JavaScript so that
// the native variant runs this file as is. The directive makes every async
// function here a durable helper for the transformed variant; Babel's
// regenerator lowers the same functions for the third variant.

// (a) ordinary awaits: of a plain value and of a resolved promise.
export async function ordinaryAwaits(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += await i;
    sum += await Promise.resolve(1);
  }
  return sum;
}

async function add(a, b) {
  return a + b;
}

// (b) a durable helper awaited in the loop.
export async function helperAwaits(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum = await add(sum, i);
  }
  return sum;
}

// (c) a closure created in the loop, capturing locals that live across the await.
export async function closuresInLoop(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const scale = (x) => x * 2 + i;
    sum += scale(await i);
  }
  return sum;
}

// (d) not part of the goal, for the record: a helper that really awaits (so it is lowered and
// wrapped: a kernel, a frame and a stamped promise per call), awaited in the loop.
async function addLater(a, b) {
  await null;
  return a + b;
}

export async function suspendingHelperAwaits(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum = await addLater(sum, i);
  }
  return sum;
}
