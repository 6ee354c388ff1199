// Operands read before a later await are saved in frame temporaries; compound assignment reads its target first.
"use durable";
export async function sum(a: number, read: () => Promise<number>): Promise<number> {
  let total = a + (await read());
  total += await read();
  return total * (await read());
}
