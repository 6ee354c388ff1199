// transformSource's options beyond the code: syntax errors as V8 reports them,
// and the previous build's manifest, against which version pins are checked.
import { describe, expect, it } from "vitest";
import { transformSource } from "../../transformer/transform-source.js";

describe("transformSource refuses what V8 would", () => {
  it("a syntax error is thrown as V8 would report it, with the file and line", () => {
    expect(() => transformSource(`"use durable";\nexport async function f() {\n  return await (1;\n}\n`, { fileName: "/project/src/broken.ts", root: "/project" })).toThrow(
      expect.objectContaining({ name: "SyntaxError", message: "/project/src/broken.ts:3:18: ')' expected." }),
    );
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
