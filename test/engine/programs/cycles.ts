// Coroutine trees whose state holds a cycle through an object the engine builds
// from its parts (a closure from its frame, a frame with its kernel, a promise
// from its kernel), reached first from the side that leads back to it, for the
// test that resumes each state in another process (test/engine/state-cycles.test.ts).
"use durable";
import * as dispatch from "dispatch-ts";

export const square = dispatch.function(async function square(n: number) {
  return n * n;
});

async function makeCounter(start: number) {
  const base = await square(start);
  let uses = 0;
  return () => base + ++uses;
}

// The closure is held by the caller's frame; its frame's finished kernel holds it as its result.
export const returnedClosure = dispatch.function(async function returnedClosure(n: number) {
  const count = await makeCounter(n);
  const first = count();
  const r = await square(n + 1);
  return [first, count(), r];
});

async function detached(n: number, seen: number[]) {
  seen.push(await square(n));
  seen.push(await square(n + 1));
}

// The helper's frame is live but reached from no frame of the caller: the state's frame list
// reaches it before its kernel, which holds it.
export const detachedHelper = dispatch.function(async function detachedHelper(n: number) {
  const seen: number[] = [];
  void detached(n, seen);
  const r = await square(10);
  const s = await square(20);
  return [r, s, seen];
});

async function leaf(n: number) {
  return (await square(n)) + 1;
}

async function middle(n: number, box: { p?: Promise<number> }) {
  const p = leaf(n);
  box.p = p;
  return (await p) * 2;
}

// The caller's frame reaches the leaf's promise first (through the box); the leaf's kernel leads
// to its parent, whose frame holds that promise.
export const sharedPromise = dispatch.function(async function sharedPromise(n: number) {
  const box: { p?: Promise<number> } = {};
  const m = middle(n, box);
  const r = await square(5);
  return [r, await box.p, await m];
});
