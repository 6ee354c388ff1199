// Frame ids and default wire names of anonymous durable functions: the name
// JavaScript would infer from where the function stands, through the wrappers
// TypeScript allows around a dispatch.function call, qualified by the
// enclosing functions and classes.
import { describe, expect, it } from "vitest";
import { transformSource } from "../../transformer/transform-source.js";

const SOURCE = `import * as dispatch from "dispatch-ts";
export const viaAs = dispatch.function(async () => 1) as unknown;
export const viaSatisfies = dispatch.function(async () => 9) satisfies unknown;
export const obj = { prop: dispatch.function(async () => 2), "quoted key": dispatch.function(async () => 10) };
export let target: unknown;
target = dispatch.function(async () => 3);
export const holder: Record<string, unknown> = {};
holder.member = dispatch.function(async () => 4);
export function takes(param = dispatch.function(async () => 6)) { return param; }
export class K { static field = dispatch.function(async () => 7); }
export const helperArrow = dispatch.durable(async () => 8);
export default dispatch.function(async () => 5);
`;

function names(source: string): string[] {
  const r = transformSource(source, { fileName: "/project/src/names.ts", root: "/project" });
  expect(r.diagnostics).toEqual([]);
  return r.functions.map((f) => f.name);
}

describe("names of anonymous durable functions", () => {
  it("come from the variable, property, assignment, parameter, field or export they stand in", () => {
    expect(names(SOURCE)).toEqual(["viaAs", "viaSatisfies", "prop", "quoted_key", "target", "member", "takes.param", "K.field", "helperArrow", "default"]);
  });
});

describe("dispatch.function and dispatch.durable given what cannot be lowered", () => {
  const diagnose = (fn: string, api = "function"): string[] =>
    transformSource(`import * as dispatch from "dispatch-ts";\nexport const f = dispatch.${api}(${fn});\n`, { fileName: "/project/src/bad.ts", root: "/project" }).diagnostics.map((d) => String(d.messageText));
  it("a generator, an async generator or a plain function is refused, saying which", () => {
    expect(diagnose("function* g() { yield 1; }")).toEqual([expect.stringContaining("this one is a generator")]);
    expect(diagnose("async function* g() { yield 1; }")).toEqual([expect.stringContaining("this one is an async generator")]);
    expect(diagnose("() => 1", "durable")).toEqual([expect.stringContaining("dispatch.durable needs an async function, and this one is not async")]);
  });
  it("a name computed at run time is left to registration; a quoted name key is read", () => {
    expect(diagnose(`{ name: "x" + 1 }, async () => 1`)).toEqual([]);
    expect(diagnose(`{ "name": "1bad" }, async () => 1`)).toEqual([expect.stringContaining('invalid wire name "1bad"')]);
  });
});
