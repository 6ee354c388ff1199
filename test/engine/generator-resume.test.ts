// A generator held across a durable call is part of the state: each step of
// the run here happens in a new process, which loads the module, decodes the
// state and steps the generator on from where it was (test/engine/programs/generators.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileForChild, runAcrossProcesses } from "./resume-across-processes.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `generator-resume-${process.pid}`);
const SOURCE = join(ROOT, "test/engine/programs/generators.ts");
const MODULE = join(WORK, "generators.mjs");

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  compileForChild(SOURCE, MODULE);
});

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("engine: generators in state", () => {
  it("a generator function's generator continues in a process that never called it", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "sumSquares", [3]);
    expect(calls).toEqual(["square(3)", "square(2)", "square(1)"]);
    expect(exit).toEqual({ output: [14, ["after 3", "after 2", "after 1", "closed"]] });
  }, 60_000);

  it("a generator method's generator continues in a process that never called the method", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "sumMethod", [[2, 5]]);
    expect(calls).toEqual(["square(2)", "square(5)"]);
    expect(exit).toEqual({ output: 29 });
  }, 60_000);

  it("a generator declared inside a function stays native: holding it across a poll fails and says where to move it", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "sumHidden", [[3, 4]]);
    expect(calls).toEqual([]);
    expect(exit?.error).toMatch(/generator object.*a native generator cannot be saved; generators declared at the top level of a module with durable code/);
  }, 60_000);
});
