"use durable";
// The referenced project: durable helpers that run on the tree of whoever
// calls them (here a dispatch.function of the app project).
export async function double(x: number): Promise<number> {
  await null;
  return x * 2;
}

export async function total(xs: number[]): Promise<number> {
  let sum = 0;
  for (const x of xs) {
    sum += await double(x);
  }
  return sum;
}
