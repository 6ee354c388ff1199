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
    const refs = [...r.code.matchAll(/\$m\.refs\(\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(",").map((s) => s.trim().split(":")[0]));
    expect(refs).toEqual(expect.arrayContaining(["overloaded", "Box", "a", "c", "d", "exportedValue", "step"]));
    expect(refs).not.toContain("ambient");
    expect(refs).not.toContain("ambientValue");
  });

  // A module may run a durable call at top level (`await dispatch.run(main())`) before its last
  // statement: the classes and singletons above that line are registered by then.
  it("registers each binding as soon as it has its value, not at the end of the module", () => {
    const source = `import * as dispatch from "dispatch-ts";
class Account { balance = 0; }
const registry = new Map<string, Account>();
let counter = { n: 0 };
export const main = dispatch.function(async function main() { return new Account(); });
await dispatch.run(main());
class Later {}
`;
    const r = transformSource(source, { fileName: "/project/src/main.ts", root: "/project" });
    expect(r.diagnostics).toEqual([]);
    const at = (text: string): number => {
      const i = r.code.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    const run = at("await dispatch.run(main())");
    expect(at("$m.refs({ Account })")).toBeLessThan(run);
    expect(at("$m.refs({ registry })")).toBeLessThan(run);
    expect(at("$m.refs({ counter })")).toBeLessThan(run);
    expect(at("$m.refs({ main:")).toBeLessThan(run);
    expect(at("$m.refs({ Later })")).toBeGreaterThan(run);
    // A let binding is registered again at the end, for a value assigned later at top level.
    expect(r.code.lastIndexOf("$m.refs({ counter })")).toBeGreaterThan(at("$m.refs({ Later })"));
  });

  it("a module without durable code registers its bindings only when asked, and is otherwise untouched", () => {
    const plain = `export class User { constructor(public name: string) {} }\nexport function make(n: string) { return new User(n); }\nexport type Id = string;\n`;
    const asked = transformSource(plain, { fileName: "/project/src/models.ts", root: "/project", registerModule: true });
    expect(asked.changed).toBe(true);
    expect(asked.functions).toEqual([]);
    expect(asked.code).toContain('import * as $rt from "dispatch-ts/internal"');
    // The hoisted function first, the class right after its declaration.
    expect(asked.code.indexOf("$m.refs({ make })")).toBeLessThan(asked.code.indexOf("class User"));
    expect(asked.code.indexOf("$m.refs({ User })")).toBeGreaterThan(asked.code.indexOf("class User"));
    const notAsked = transformSource(plain, { fileName: "/project/src/models.ts", root: "/project" });
    expect(notAsked.changed).toBe(false);
    expect(notAsked.code).not.toContain("$rt");
  });
});
