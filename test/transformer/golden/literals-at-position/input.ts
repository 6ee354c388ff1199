// Literals split around awaits convert and copy at each part's position: template spans, computed keys, spreads.
"use durable";
export async function describe(base: object, key: unknown, later: () => Promise<string>) {
  const text = `${key}:${await later()}`;
  const obj = { [key as string]: await later(), ...base, tail: await later() };
  return { text, obj };
}
