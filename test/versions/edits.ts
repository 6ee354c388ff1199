// Edits of test/versions/programs/orders.ts, as a developer would make them
// between two deploys: each one is a function from the source to the edited
// source, and fails loudly if the text it edits is gone (so an edit never
// silently does nothing).
export type Edit = (source: string) => string;

function replace(source: string, from: string | RegExp, to: string): string {
  const out = source.replace(from, to);
  if (out === source) throw new Error(`edit found nothing to replace: ${String(from)}`);
  return out;
}

const chain =
  (...steps: [string | RegExp, string][]): Edit =>
  (source) =>
    steps.reduce((s, [from, to]) => replace(s, from, to), source);

export const edits = {
  /** Comments only: a doc comment, line comments, a block comment inside the loop. */
  comments: chain(
    ["export const checkout", "/** Totals an order, one priced line per item. */\n// (a durable function)\nexport const checkout"],
    ["const lines: string[] = [];", "const lines: string[] = []; // the labels so far\n  /* each item suspends twice: the helper, then the price */"],
    ["return { item, p };", "return { item, p }; // what the caller labels"],
  ),
  /** Formatting only: indentation, quotes, parentheses, line breaks, trailing commas, semicolons. */
  formatting: chain(
    [/\n {2}/g, "\n    "],
    ['lines.join(",")', "lines.join(',')"],
    ["return item.length * 10;", "return (item.length * 10)"],
    ["return { item, p };", "return {\n      item,\n      p,\n    };"],
    ["const p = await price(item);", "const p = (await price(item))"],
    ["lines.push(label(r));", "lines.push(\n      label(r),\n    );"],
  ),
  /** Types only: an interface, annotations, casts, a non-null assertion, a return type. */
  types: chain(
    ["import * as dispatch", "interface Priced {\n  item: string;\n  p: number;\n}\n\nimport * as dispatch"],
    ["(x: { item: string; p: number })", "(x: Priced): string"],
    ["const lines: string[] = [];", "const lines = [] as string[];"],
    ["checkout(items: string[])", "checkout(items: readonly string[]): Promise<string>"],
    ["const r = await priced(item);", "const r: Priced = (await priced(item)) as Priced;"],
    ["lines.push(label(r));", "lines.push(label(r!));"],
  ),
  /** The caller's own code. */
  caller: chain(['lines.join(",")', 'lines.join(" + ")']),
  /** The durable helper the caller awaits. */
  helper: chain(["return { item, p };", "return { item, p: p + 1 };"]),
  /** The closure lifted out of the caller (held in its frame). */
  closure: chain(["`${x.item}=${x.p}`", "`${x.item}: ${x.p}`"]),
  /** A new await in the caller: its frame layout changes. */
  layout: chain(["lines.push(label(r));", "lines.push(label(r));\n    await price(item);"]),
} satisfies Record<string, Edit>;

/** Pins checkout's version. */
export const pin = (version: string): Edit => chain(["dispatch.function(async function checkout", `dispatch.function({ version: ${JSON.stringify(version)} }, async function checkout`]);

export const both =
  (...e: Edit[]): Edit =>
  (source) =>
    e.reduce((s, f) => f(s), source);
