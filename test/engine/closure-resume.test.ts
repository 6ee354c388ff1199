// Lifted closures in a state resumed by a process that never made them: each
// step runs in a new process, which loads the module, decodes the state and
// makes every closure again from its factory around the decoded frame and
// environments (test/engine/programs/closures.ts). A durable closure's own
// frame resumes in the body its decoded closure made, not in the last one the
// module happened to register.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileForChild, runAcrossProcesses } from "./resume-across-processes.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `closure-resume-${process.pid}`);
const SOURCE = join(ROOT, "test/engine/programs/closures.ts");
const MODULE = join(WORK, "closures.mjs");

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  compileForChild(SOURCE, MODULE);
});

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("engine: lifted closures resumed in another process", () => {
  it("counters over a nested factory's local and per-iteration loop closures keep their own bindings", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "counters", [5]);
    // a counts 5 (the first call), 6 (square's argument), 7, then 8..10 from the loop's closures;
    // b counts 100, 101 (square's argument), 102 on its own object.
    expect(calls).toEqual(["square(6)", "square(1)"]);
    expect(exit).toEqual({ output: [36, 1, 7, 102, [8, 19, 30]] });
  }, 60_000);

  it("a durable arrow suspended inside a recursive local async function resumes over the decoded frame", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "durableClosures", [1]);
    expect(calls).toEqual(["square(3)", "square(2)", "square(1)"]);
    expect(exit).toEqual({ output: [17, 3, [9, 4, 1]] });
  }, 60_000);

  it("two activations of one durable arrow, made in different iterations, each resume in their own closure's body", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "twoClosures", [2]);
    expect(calls).toEqual(["square(2)", "square(3)"]);
    expect(exit).toEqual({ output: [14, 29] });
  }, 60_000);

  it("an async arrow class field keeps `this` as the decoded instance", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "fieldArrow", [2]);
    expect(calls).toEqual(["square(2)", "square(3)"]);
    expect(exit).toEqual({ output: [5, 11, 2] });
  }, 60_000);
});
