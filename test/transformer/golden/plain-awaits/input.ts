// Awaits the engine cannot own (plain-awaits.ts) use `$rt.wo`, without the check for engine-owned
// awaitables: a call of a module async function that stays plain (`plus` never awaits), and
// promises the global Promise makes anew (`new Promise`, `Promise.reject`, `Promise.resolve` of a
// value that cannot be a promise). `Promise.resolve(p)` may give p back (a helper's promise), a
// lowered helper's call (`later`) is the engine's, and a local `Promise` is not the global one:
// those keep `$rt.w`.
"use durable";
async function plus(a: number, b: number) {
  return a + b;
}
async function later(x: number) {
  await null;
  return x;
}
export async function fresh(n: number, p: Promise<number>) {
  let sum = await plus(n, 1);
  sum += await new Promise<number>((resolve) => resolve(1));
  sum += await Promise.resolve(sum * 2);
  await Promise.resolve();
  await Promise.reject(new Error("no")).catch(() => 0);
  try {
    await Promise.reject(new Error("no"));
  } catch {
    sum++;
  }
  sum += await Promise.resolve(p);
  sum += await later(sum);
  return sum;
}
export async function shadowed(n: number) {
  const Promise = { resolve: (x: number) => later(x) };
  return (await Promise.resolve(n)) + 1;
}
