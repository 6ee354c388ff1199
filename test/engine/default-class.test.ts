// An anonymous `export default class` with durable async methods, its instance
// held across durable calls and resumed from bytes in a new process at every
// step (test/engine/programs/default-class/): the methods are wrapped as helpers
// by a static block (there is no name to wrap them by after the class) and the
// class is registered as the module's `default`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileForChild, runAcrossProcesses } from "./resume-across-processes.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `default-class-${process.pid}`);
const PROGRAMS = join(ROOT, "test/engine/programs/default-class");

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  for (const name of ["square", "accumulator", "main"]) compileForChild(join(PROGRAMS, `${name}.ts`), join(WORK, `${name}.js`));
});

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("engine: an anonymous export default class", () => {
  it("its instance and its methods' frames continue in processes that never made them", () => {
    const { exit, calls } = runAcrossProcesses(join(WORK, "main.js"), "accumulate", [[2, 3]]);
    expect(calls).toEqual(["square(2)", "square(3)", "square(2)"]);
    expect(exit).toEqual({ output: [13, 4, true, "default", "add"] });
  }, 60_000);
});
