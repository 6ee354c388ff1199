// The program whose edits test/versions/resume-across-builds.test.ts deploys
// between a suspension and its resume. Suspended in `price` (a durable call)
// inside the helper `priced`, awaited by `checkout`, which holds the lifted
// closure `label`: one state holds all three.
import * as dispatch from "dispatch-ts";

export const price = dispatch.function(async function price(item: string): Promise<number> {
  return item.length * 10;
});

const priced = dispatch.durable(async function priced(item: string) {
  const p = await price(item);
  return { item, p };
});

export const checkout = dispatch.function(async function checkout(items: string[]) {
  const label = (x: { item: string; p: number }) => `${x.item}=${x.p}`;
  const lines: string[] = [];
  for (const item of items) {
    const r = await priced(item);
    lines.push(label(r));
  }
  return lines.join(",");
});
