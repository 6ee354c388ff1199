// requireWithTypeScript evaluates a module graph while `require("typescript")`
// answers with the instance given (the compiler's own, under tspc), and leaves
// Node's module cache as it found it. The modules here are real ES modules on
// disk that read typescript the way every transformer module does.
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { requireWithTypeScript } from "../../transformer/compiler-typescript.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DIR = join(ROOT, ".cache", `compiler-ts-${process.pid}-${randomBytes(4).toString("hex")}`);
const require = createRequire(join(ROOT, "package.json"));
// produces: a module that reads typescript when it is evaluated, and one that imports it
const READER = 'import { createRequire } from "node:module";\nexport const ts = createRequire(import.meta.url)("typescript");\n';
const IMPORTER = 'import { ts } from "./reader.mjs";\nexport const seen = ts;\n';

beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  for (const name of ["a", "b"]) {
    mkdirSync(join(DIR, name));
    writeFileSync(join(DIR, name, "reader.mjs"), READER);
    writeFileSync(join(DIR, name, "entry.mjs"), IMPORTER);
  }
});

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

it("evaluates the graph against the instance given, once, and restores the module cache", () => {
  const real = require("typescript");
  const compiler = { ...real, marker: "the compiler's own" } as typeof real;
  const entry = join(DIR, "a", "entry.mjs");
  const first = requireWithTypeScript<{ seen: unknown }>(entry, compiler);
  expect(first.seen).toBe(compiler);
  // Later callers get the same evaluation, whatever instance they pass.
  expect(requireWithTypeScript<{ seen: unknown }>(entry, real)).toBe(first);
  // Nothing else in the process sees the stand-in.
  expect(require("typescript")).toBe(real);
  expect(createRequire(join(DIR, "a", "x.cjs"))("typescript")).toBe(real);
});

it("loads plainly when no instance is given (a compiler that hands none)", () => {
  const real = require("typescript");
  expect(requireWithTypeScript<{ seen: unknown }>(join(DIR, "b", "entry.mjs"), undefined).seen).toBe(real);
});
