// Which top-level bindings a transformed module registers as state references
// ($m.refs): declared functions, classes and variables (destructured ones too),
// not ambient declarations or overload signatures, which have no value.
import { describe, expect, it } from "vitest";
import { transformSource } from "../../transformer/transform-source.js";

const SOURCE = `"use durable";
declare function ambient(): void;
declare const ambientValue: number;
export function overloaded(x: number): number;
export function overloaded(x: unknown) { return x; }
export class Box {}
const { a, b: [c, , d] } = { a: 1, b: [2, 3, 4] };
export const exportedValue = a + c + d;
export async function step(n: number) { return await Promise.resolve(n); }
`;

describe("module references", () => {
  it("registers the bindings that have values, destructured ones included", () => {
    const r = transformSource(SOURCE, { fileName: "/project/src/refs.ts", root: "/project" });
    expect(r.diagnostics).toEqual([]);
    const refs = /\$m\.refs\(\{([^}]*)\}/.exec(r.code)?.[1]?.split(",").map((s) => s.trim().split(":")[0]) ?? [];
    expect(refs).toEqual(expect.arrayContaining(["overloaded", "Box", "a", "c", "d", "exportedValue", "step"]));
    expect(refs).not.toContain("ambient");
    expect(refs).not.toContain("ambientValue");
  });
});
