// Closures lifted out of durable bodies held across durable calls, for the
// test that resumes each state in another process (test/engine/closure-resume.test.ts).
"use durable";
import * as dispatch from "dispatch-ts";

export const square = dispatch.function(async function square(n: number) {
  return n * n;
});

export const counters = dispatch.function(async function counters(start: number) {
  const makeCounter = (s: number) => {
    let n = s;
    return () => n++;
  };
  const a = makeCounter(start);
  const b = makeCounter(100);
  a();
  const fs: (() => number)[] = [];
  for (let i = 0; i < 3; i++) fs.push(() => i * 10 + a());
  const first = await square(a());
  b();
  const second = await square(b() - 100);
  return [first, second, a(), b(), fs.map((f) => f())];
});

export const durableClosures = dispatch.function(async function durableClosures(k: number) {
  let calls = 0;
  const seen: number[] = [];
  const step = async (n: number) => {
    calls++;
    const r = await square(n);
    seen.push(r);
    return r + k;
  };
  async function walk(n: number): Promise<number> {
    if (n === 0) return 0;
    return (await step(n)) + (await walk(n - 1));
  }
  const total = await walk(3);
  return [total, calls, seen];
});

class Button {
  clicks = 0;
  onClick = async (n: number) => {
    const r = await square(n);
    this.clicks++;
    return r + this.clicks;
  };
}

export const fieldArrow = dispatch.function(async function fieldArrow(n: number) {
  const b = new Button();
  const handler = b.onClick;
  const r1 = await handler(n);
  const r2 = await handler(n + 1);
  return [r1, r2, b.clicks];
});

export const twoClosures = dispatch.function(async function twoClosures(n: number) {
  const adders: ((x: number) => Promise<number>)[] = [];
  for (const k of [10, 20]) adders.push(async (x: number) => (await square(x)) + k);
  return await Promise.all(adders.map((f, i) => f(n + i)));
});
