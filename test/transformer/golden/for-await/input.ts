// for await: each next() result and an early exit's return() are awaited as resume points.
"use durable";
export async function collect(source: AsyncIterable<number>, max: number): Promise<number[]> {
  const out: number[] = [];
  for await (const n of source) {
    if (out.length >= max) break;
    out.push(n);
  }
  return out;
}
