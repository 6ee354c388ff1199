// A user's durable code: a checkout that prices each item with a durable call.
import * as dispatch from "dispatch-ts";

/** Every receipt a checkout made, as first made (kept by the module, not by the state). */
export const receipts: object[] = [];

export const price = dispatch.function(async function price(item: string): Promise<number> {
  if (item === "") throw new RangeError("an item needs a name");
  return item.length * 10;
});

export const checkout = dispatch.function(async function checkout(items: string[]) {
  const receipt = { lines: [] as string[], total: 0 };
  receipts.push(receipt);
  for (const item of items) {
    try {
      const cost = await price(item);
      receipt.total += cost;
      receipt.lines.push(`${item}: ${cost}`);
    } catch (e) {
      receipt.lines.push(`skipped: ${(e as Error).message}`);
    }
  }
  // Each durable call suspended this function to bytes and a new activation
  // resumed it from a decoded copy: the receipt is no longer the object made above.
  return { ...receipt, sameObjectAfterResume: receipts.at(-1) === receipt };
});

export const traced = dispatch.function(async function traced(): Promise<string> {
  await price("x");
  try {
    throw new Error("after a resume"); // line:traced-throw
  } catch (e) {
    return String((e as Error).stack).split("\n").find((l) => l.includes("orders.ts")) ?? "no frame in orders.ts";
  }
});
