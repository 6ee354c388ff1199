// Durable functions served over HTTP by the server tests: each runs in an
// endpoint process, called by the scheduler server in another process.
import * as dispatch from "dispatch-ts";

export const greet = dispatch.function(async function greet(name: string) {
  return `Hello, ${name}!`;
});

export const echo = dispatch.function(async function echo(value: unknown) {
  return value;
});

/** Nested calls: one durable call after the other. */
export const greetAll = dispatch.function(async function greetAll(names: string[]) {
  const out: string[] = [];
  for (const name of names) out.push(await greet(name));
  return out;
});

/**
 * A distributed merge sort: each half is sorted by another call of this
 * function (through `sort`: inside the body, `mergeSort` is the plain function).
 */
export const sort = dispatch.function(async function mergeSort(values: number[]): Promise<number[]> {
  if (values.length <= 1) return values;
  const mid = Math.floor(values.length / 2);
  const [left, right] = await dispatch.gather([sort(values.slice(0, mid)), sort(values.slice(mid))]);
  return merge(left, right);
});

function merge(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
  return [...out, ...a.slice(i), ...b.slice(j)];
}

/**
 * Names the process it started in and the one it finished in: its first Poll
 * is a timer, long enough for a test to kill that process and start another.
 */
export const migrate = dispatch.function(async function migrate(label: string) {
  const startedIn = process.env.WORKER_NAME;
  await dispatch.sleep("2s");
  const greeting = await greet(label);
  return { greeting, startedIn, finishedIn: process.env.WORKER_NAME };
});

export const fails = dispatch.function(async function fails(message: string) {
  throw new dispatch.PermanentError(message);
});

/** Waits a minute: a call that stays suspended while a test reads its stack. */
export const nap = dispatch.function(async function nap(label: string) {
  const note = `${label} is napping`;
  await dispatch.sleep("60s");
  return note;
});

/** Sleeps a minute; cancelled, its finally still makes a durable call (a compensation). */
export const guarded = dispatch.function(async function guarded(label: string) {
  try {
    await dispatch.sleep("60s");
    return `${label} slept`;
  } finally {
    await greet(`${label} (finally)`);
  }
});

/** Starts a call it never awaits: the endpoint dispatches it through the Dispatch API before exiting. */
export const fireAndForget = dispatch.function(async function fireAndForget(name: string) {
  void greet(name);
  return "fired";
});
