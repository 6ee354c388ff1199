// Durable helpers nested in a durable body get their own frames; a named helper expression refers to itself.
"use durable";
export const countdown = async function tick(n: number): Promise<number> {
  if (n === 0) return 0;
  await null;
  return 1 + (await tick(n - 1));
};
export async function outer(values: number[]): Promise<number[]> {
  const double = async (v: number) => {
    await null;
    return v * 2;
  };
  const out: number[] = [];
  for (const v of values) out.push(await double(v));
  return out;
}
