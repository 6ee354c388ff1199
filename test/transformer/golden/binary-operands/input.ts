// Operands read before a later await are saved in frame temporaries when code running during the
// await could change them (`total`, which the closure `reset` writes); compound assignment reads its
// target first. A local that only this body writes (`a`, `n`) is read after the await instead
// (stable-locals.ts): nothing else can change it meanwhile.
"use durable";
export async function sum(a: number, read: () => Promise<number>): Promise<number> {
  let total = a + (await read());
  total += await read();
  let n = 1;
  n += await read();
  const reset = () => {
    total = 0;
  };
  queueMicrotask(reset);
  return total * (await read()) + n;
}
