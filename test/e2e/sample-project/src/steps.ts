"use durable";
// Durable helpers of the end-to-end sample: the directive lowers every async
// function of this file. `log` is a plain module-level function, so frames
// hold a reference to it (never a closure) and every await can be suspended.
export const lines: string[] = [];

function log(line: string): void {
  lines.push(line);
}

export async function double(x: number): Promise<number> {
  await null;
  return x * 2;
}

/** Sums the doubles; throws past `limit`, and its finally runs exactly once either way. */
export async function total(xs: number[], limit: number): Promise<number> {
  let sum = 0;
  try {
    for (const x of xs) {
      sum += await double(x);
      log(`+${x} -> ${sum}`);
      if (sum > limit) throw new RangeError(`over ${limit}`);
    }
  } finally {
    log(`finally at ${sum}`);
  }
  return sum;
}
