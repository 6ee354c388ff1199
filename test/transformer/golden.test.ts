// Golden outputs of the transform: each folder of test/transformer/golden holds
// an input.ts and the output.js the transform must produce for it, so that a
// change to the lowering shows up as a readable diff of generated code. The
// semantics are checked elsewhere (test/differential); this pins the shape.
//   UPDATE_GOLDEN=1 npx vitest run test/transformer/golden.test.ts   # rewrite the outputs
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSource, formatDiagnostic } from "../../transformer/transform-source.js";

const DIR = join(import.meta.dirname, "golden");
const update = process.env.UPDATE_GOLDEN === "1";

describe("golden outputs of the transform", () => {
  for (const name of readdirSync(DIR).sort()) {
    it(name, () => {
      const input = readFileSync(join(DIR, name, "input.ts"), "utf8");
      // A relative file name and root keep the module path (and so the output) the same on every machine.
      const { code, diagnostics } = transformSource(input, { fileName: `${name}.ts`, root: "." });
      expect(diagnostics.map(formatDiagnostic)).toEqual([]);
      const output = code.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
      const file = join(DIR, name, "output.js");
      if (update || !existsSync(file)) writeFileSync(file, output);
      else expect(output).toBe(readFileSync(file, "utf8"));
    });
  }
});
