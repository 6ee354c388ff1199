// The run-time side of a version pin: the compiler puts the pin into the
// descriptor; the options object at run time must say the same, or the pin
// was not a literal the build could read and would silently do nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `pin-at-run-time-${process.pid}`);

/** Compiles `body` as test/versions/<name>.ts and imports it (it imports the built runtime). */
async function load(name: string, body: string): Promise<Record<string, unknown>> {
  const fileName = join(ROOT, `test/versions/${name}.ts`);
  const r = transformSource(`import * as dispatch from "dispatch-ts";\n${body}`, { fileName, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  const file = join(WORK, `${name}.js`);
  writeFileSync(file, r.code.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"));
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

beforeAll(() => mkdirSync(WORK, { recursive: true }));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("version pins at run time", () => {
  it("a literal pin on a function and on a helper is what the descriptor carries", async () => {
    const m = await load(
      "pinned",
      `const step = dispatch.durable({ version: "h1" }, async function step(n: number) { return n + 1; });
export const f = dispatch.function({ name: "pinned_f", version: "f1" }, async function f(n: number) { return await step(n); });`,
    );
    expect((m.f as { wireName: string }).wireName).toBe("pinned_f");
    // The registry the compiled module registered with: the built runtime's, as "dispatch-ts" resolves.
    const registry = (await import(pathToFileURL(join(ROOT, "dist/runtime/engine/registry.js")).href)) as typeof import("../../runtime/engine/registry.js");
    expect(registry.findFunction("test/versions/pinned.ts#f")!.version).toBe("f1");
    expect(registry.findFunction("test/versions/pinned.ts#step")!.version).toBe("h1");
  });

  it("a pin the build could not read is refused when the function is defined", async () => {
    await expect(
      load("unread-pin", `const options = { version: "2024-06" };\nexport const g = dispatch.function(options, async function g() { return 1; });`),
    ).rejects.toThrow(
      'cannot define dispatch.function g (test/versions/unread-pin.ts#g): its version pin "2024-06" is not the one the build compiled (undefined); write it as a string literal in the options object',
    );
  });
});
