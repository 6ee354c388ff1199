// States with a cycle through an object the engine builds from what it reads
// (a closure from its frame, a frame with its kernel, a promise from its
// kernel), resumed by a process that never ran the function: each step runs in
// a new process (test/engine/programs/cycles.ts). The decoder registers the
// frame and the kernel's promise before reading their parts, and gives a
// closure reached again before its factory could run a forwarding stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileForChild, runAcrossProcesses } from "./resume-across-processes.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `state-cycles-${process.pid}`);
const SOURCE = join(ROOT, "test/engine/programs/cycles.ts");
const MODULE = join(WORK, "cycles.mjs");

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  compileForChild(SOURCE, MODULE);
});

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("engine: state cycles through objects built from their parts, resumed in another process", () => {
  it("a closure returned by a finished helper, whose frame's kernel holds it as its result", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "returnedClosure", [3]);
    expect(calls).toEqual(["square(3)", "square(4)"]);
    expect(exit).toEqual({ output: [10, 11, 16] });
  }, 60_000);

  it("a live helper frame reached from the frame list before its kernel", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "detachedHelper", [2]);
    expect(calls).toEqual(["square(2)", "square(10)", "square(20)", "square(3)"]);
    expect(exit).toEqual({ output: [100, 400, [4, 9]] });
  }, 60_000);

  it("a call's promise reached before its caller's frame, which holds it", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "sharedPromise", [3]);
    expect(calls).toEqual(["square(3)", "square(5)"]);
    expect(exit).toEqual({ output: [25, 10, 20] });
  }, 60_000);
});
