// transformSource's options beyond the code: syntax errors as V8 reports them,
// the strictness of what it emits, and the previous build's manifest, against
// which version pins are checked.
import { describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import ts = require("typescript");
import { transformSource } from "../../transformer/transform-source.js";

/** Whether a script's directive prologue says "use strict". */
function strictPrologue(code: string): boolean {
  const sf = ts.createSourceFile("out.js", code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === "use strict") return true;
  }
  return false;
}

describe("transformSource never injects \"use strict\" (issue 3)", () => {
  const sloppy = `var seen = [];\nfunction who() { return this; }\nwith ({ k: 1 }) { seen.push(k); }\nleaked = 2;\nseen.push(who() === globalThis, typeof leaked);\nseen;\n`;
  it("a sloppy script without durable code runs as it did: with, this of a plain call, writes to undeclared names", () => {
    for (const module of [ts.ModuleKind.ESNext, ts.ModuleKind.CommonJS]) {
      const out = transformSource(sloppy, { fileName: "/project/src/legacy.js", root: "/project", module });
      expect(strictPrologue(out.code)).toBe(false);
      // (A strict prologue would make `with` a SyntaxError, `this` undefined and the write a ReferenceError.)
      expect(runInNewContext(out.code, {})).toEqual([1, true, "number"]);
    }
  });

  it("a sloppy script with durable code emitted as CommonJS stays sloppy; a module's CommonJS output keeps its strictness", () => {
    const script = `"use durable";\nasync function step(n) { return n + 1; }\nasync function main(n) { return await step(n); }\nmodule.exports = { main };\n`;
    const cjs = transformSource(script, { fileName: "/project/src/legacy.js", root: "/project", module: ts.ModuleKind.CommonJS });
    expect(cjs.changed).toBe(true);
    expect(strictPrologue(cjs.code)).toBe(false);
    const esm = transformSource(`export async function f() { return 1; }\n`, { fileName: "/project/src/m.ts", root: "/project", module: ts.ModuleKind.CommonJS });
    expect(strictPrologue(esm.code)).toBe(true);
  });
});

describe("transformSource refuses what V8 would", () => {
  it("a syntax error is thrown as V8 would report it, with the file and line", () => {
    expect(() => transformSource(`"use durable";\nexport async function f() {\n  return await (1;\n}\n`, { fileName: "/project/src/broken.ts", root: "/project" })).toThrow(
      expect.objectContaining({ name: "SyntaxError", message: "/project/src/broken.ts:3:18: ')' expected." }),
    );
  });
});

describe("transformSource reads its input as the module it emits", () => {
  it("a top-level await of an array literal or a regular expression stays an await, without import or export", () => {
    const { code } = transformSource(`const a = await [1];\nconst b = await /x/g;\nasync function f() { return await a; }\n`, { fileName: "/project/src/tla.js", root: "/project", mode: "all-async" });
    expect(code).toContain("await [1]");
    expect(code).toContain("await /x/g");
  });

  it("a file that only awaits at its top level, with nothing to lower, is still read as a module", () => {
    const { code, changed } = transformSource(`const b = await /x/g;\nconst ok = b instanceof RegExp;\n`, { fileName: "/project/src/tla.js", root: "/project" });
    expect(changed).toBe(false);
    expect(code).toContain("await /x/g");
  });
});

describe("transformSource refuses early errors that TypeScript's parser lets through", () => {
  // Each would run once emitted: the printer drops the trailing comma, the lowering turns the
  // async arrow into a call and the for-await head into statements. V8 refuses them all.
  const refused: [string, string, string][] = [
    ["a rest parameter with a trailing comma", "async function f(...a,) {}", "1:18: A rest parameter must be last"],
    ["an async arrow as an assignment target", "(async (x) => x) = 1;", "1:1: Invalid left-hand side in assignment"],
    ["a call in a destructuring pattern", "var g = () => ({});\nasync function f() { [g()] = [await 1]; }", "2:22: Invalid left-hand side in assignment"],
    ["an async prefix on a shorthand property", "({ async async });", "1:4: 'async' cannot be used on a property"],
    ["an initializer in a for-await head", "async function f() { for await (let x = 1 of []) {} }", "1:22: The variable declaration of a for-of statement cannot have an initializer"],
    ["an initializer on a rest element", "async function f() { for await (const [...x = []] of [[]]) {} }", "1:40: A rest element cannot have an initializer"],
    ["arguments as a destructuring target", "async function f() { for await ([arguments] of [[]]) {} }", "1:22: Unexpected eval or arguments in strict mode"],
  ];
  for (const [what, code, message] of refused) {
    it(what, () => {
      expect(() => transformSource(code, { fileName: "/project/src/early.js", root: "/project", mode: "all-async" })).toThrow(
        expect.objectContaining({ name: "SyntaxError", message: expect.stringContaining(`/project/src/early.js:${message}`) }),
      );
    });
  }
  it("accepts the valid neighbours: calls and parenthesized names as targets, defaults in patterns", () => {
    const code = `var o = {}, a, b;\nfunction g() { return o; }\nasync function f() {\n  ({ x: (a), y: g().z = 1, ...b } = await {});\n  [a, [b] = [], ...o.rest] = [await 1];\n  for ((a) of []) ;\n  a ??= 1; o.k++;\n  if (a === 2) g() = 1;\n}\n`;
    expect(() => transformSource(code, { fileName: "/project/src/fine.js", root: "/project", mode: "all-async" })).not.toThrow();
  });
});

describe("transformSource with the previous build's manifest", () => {
  const pinned = (body: string) => `import * as dispatch from "dispatch-ts";\nexport const f = dispatch.function({ version: "v1" }, async function f(n: number) {\n${body}\n});\n`;
  it("refuses a version pin whose layout changed since that version was built", () => {
    const fileName = "/project/src/pin.ts";
    const before = transformSource(pinned("  return await g(n);"), { fileName, root: "/project" });
    expect(before.diagnostics).toEqual([]);
    const previousManifest = { format: 1 as const, frames: before.manifest };
    // A new local kept across the await changes the frame layout under the same pin.
    const after = transformSource(pinned("  const k = n + 1;\n  const r = await g(n);\n  return r + k;"), { fileName, root: "/project", previousManifest });
    expect(after.diagnostics.map((d) => String(d.messageText))).toEqual([expect.stringContaining('cannot keep version "v1" of f')]);
    // The same layout under the pin is fine.
    expect(transformSource(pinned("  return (await g(n)) + 0;"), { fileName, root: "/project", previousManifest }).diagnostics).toEqual([]);
  });
});

describe("transformSource reads a file with nothing to lower by its own syntax", () => {
  it("a script that uses await as a name comes out as a script; with durable code it is refused as the module it would become", () => {
    const script = `var await = 2;\nvar twice = await * 2;\ntwice;\n`;
    const out = transformSource(script, { fileName: "/project/src/old.js", root: "/project" });
    expect(out.changed).toBe(false);
    expect(runInNewContext(out.code, {})).toBe(4);
    expect(() => transformSource(`${script}async function f() { return await 1; }\n`, { fileName: "/project/src/old.js", root: "/project", mode: "all-async" })).toThrow(SyntaxError);
  });
});
