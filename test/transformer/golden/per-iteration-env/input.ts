// Per-iteration environments: a classic for whose let a closure captures gets one
// object per iteration (copied before the increment); the for-of binding and the
// body's const get theirs on each entry; `plain` is captured by nothing and stays
// a frame field. The nested closure receives both environments.
"use durable";
export async function loops(fns: (() => string)[]) {
  for (let i = 0; i < 2; i++) {
    for (const s of ["a", "b"]) {
      const plain = s + i;
      await plain;
      const tag = plain + "!";
      fns.push(() => `${i}${s}${tag}`);
    }
  }
}
