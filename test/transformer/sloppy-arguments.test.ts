// Sloppy-mode `arguments` is mapped to the parameters (a write to one shows in
// the other). A durable function keeps both in its frame and cannot keep that
// aliasing, so a lowered function where it can be seen is refused with the fix;
// strict code, and sloppy code that cannot observe the aliasing, pass.
import { describe, expect, it } from "vitest";
import { formatDiagnostic, transformSource } from "../../transformer/transform-source.js";

const fileName = "/project/src/legacy.js";
const messages = (code: string, name = fileName) => transformSource(code, { fileName: name, root: "/project" }).diagnostics.map(formatDiagnostic);

const script = (body: string, params = "a, b") => `"use durable";\nasync function f(${params}) {\n${body}\n  await null;\n  return [a, arguments[0]];\n}\nmodule.exports = { f };\n`;

describe("sloppy-mode arguments of durable functions", () => {
  it("refuses a write to a parameter when the function reads its arguments, naming the function and the fix", () => {
    expect(messages(script("  a = 10;"))).toEqual([
      "/project/src/legacy.js:3:3: not supported: in sloppy-mode code, the `arguments` of f is mapped to its parameters (a write to one shows in the other), which a durable function does not keep: " +
        'add "use strict" at the top of the file or of f, or read the parameters by name and copy `arguments` (`const args = Array.from(arguments)`) before changing either',
    ]);
  });

  it("refuses a write to an element of arguments, and arguments given away", () => {
    expect(messages(script("  arguments[0] = 10;"))).toEqual([expect.stringContaining("legacy.js:3:3: not supported: in sloppy-mode code, the `arguments` of f")]);
    expect(messages(script("  g(arguments);"))).toEqual([expect.stringContaining("legacy.js:3:5: not supported: in sloppy-mode code")]);
    expect(messages(script("  a++;"))).toHaveLength(1);
    expect(messages(script("  [a] = [1];"))).toHaveLength(1);
  });

  it("accepts what cannot observe the aliasing: reads only, no parameters, non-simple parameters", () => {
    expect(messages(script("  const n = arguments.length + arguments[1];"))).toEqual([]);
    expect(messages(script("  let x = 1;", ""))).toEqual([]);
    expect(messages(script("  a = 10;", "a, b = 2"))).toEqual([]);
    expect(messages(script("  a = 10;", "a, ...rest"))).toEqual([]);
  });

  it("accepts strict code: a module, a \"use strict\" file or function, a class body", () => {
    expect(messages(`export {};\n${script("  a = 10;")}`)).toEqual([]);
    expect(messages(script("  a = 10;"), "/project/src/legacy.mjs")).toEqual([]);
    expect(messages(`"use strict";\n${script("  a = 10;")}`)).toEqual([]);
    expect(messages(script('  "use strict";\n  a = 10;'))).toEqual([]);
    expect(messages(`"use durable";\nclass C {\n  async m(a) {\n    a = 1;\n    await null;\n    return arguments[0];\n  }\n}\nmodule.exports = { C };\n`)).toEqual([]);
  });
});
