// #private state of instances whose class chain spans modules, held across
// durable calls and resumed from bytes in a new process at every step
// (test/engine/programs/cross-module/). Each class registers its own private
// fields from its own module; a chain the runtime cannot save whole is refused
// by name, never saved without a base class's fields.
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileForChild, runAcrossProcesses } from "./resume-across-processes.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `private-cross-module-${process.pid}`);
const PROGRAMS = join(ROOT, "test/engine/programs/cross-module");
const MODULE = join(WORK, "subclasses.js");

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  // .js next to each other, as the sources import them ("./base-durable.js").
  for (const name of ["base-durable", "base-plain", "middle", "subclasses"]) compileForChild(join(PROGRAMS, `${name}.ts`), join(WORK, `${name}.js`));
});

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("engine: #private fields of a class chain across modules", () => {
  it("a subclass with #private fields of a base class with #private fields in another module keeps both", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "scored", [[1, 2, 3]]);
    expect(calls).toEqual(["square(1)", "square(2)", "square(3)"]);
    expect(exit).toEqual({ output: "t 1+4+9 = 14" });
  }, 60_000);

  it("a subclass of a class registered on its base's chain in the base's module keeps every level", () => {
    const { exit } = runAcrossProcesses(MODULE, "leaf", [[1, 2, 3]]);
    expect(exit).toEqual({ output: "l 1+4+9 depth 4" });
  }, 60_000);

  it("an unregistered class between a subclass and a #private base is refused, naming the classes and the fix", () => {
    // Refused at the first suspension: the call is never sent.
    const { exit, calls } = runAcrossProcesses(MODULE, "pastGap", [[1, 2]]);
    expect(calls).toEqual([]);
    expect(exit?.error).toMatch(/cannot save an instance of class PastGap: its base class Gap extends Tally, which has #private fields, from another module, and the compiler did not register Gap, so the fields of Tally would be lost; declare Gap in the module of Tally/);
  }, 60_000);

  it("a base class of a module without durable code is refused: its #private fields cannot be read (they were lost silently before)", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "ledger", [[1, 2]]);
    expect(calls).toEqual([]);
    expect(exit?.error).toMatch(/cannot save an instance of class CheckedLedger: its base class Ledger was not registered by the compiler \(it is not a top-level class of a module with durable code\), so its #private fields, if it has any, could not be saved.*declare Ledger in a module with durable code/);
  }, 60_000);
});
