// A top-level generator: parameters bound at the call, yield and yield* as
// resume points, a try/finally that return() runs; a generator method.
"use durable";
function* pairs(xs: number[], scale = 2): Generator<number, string, number | undefined> {
  try {
    for (const x of xs) {
      const sent = yield x * scale;
      if (sent) yield* [sent, -sent];
    }
  } finally {
    xs.length = 0;
  }
  return "done";
}
class Bag {
  items: number[] = [];
  *each() {
    yield* this.items;
  }
}
export async function total(xs: number[]) {
  let sum = 0;
  for (const v of pairs(xs)) sum += await Promise.resolve(v);
  return sum + [...new Bag().each()].length;
}
