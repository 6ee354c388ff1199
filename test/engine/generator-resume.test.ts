// A generator held across a durable call is part of the state: each step of
// the run here happens in a new process, which loads the module, decodes the
// state and steps the generator on from where it was (test/engine/programs/generators.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `generator-resume-${process.pid}`);
const SOURCE = join(ROOT, "test/engine/programs/generators.ts");
const MODULE = join(WORK, "generators.mjs");

interface Step {
  poll?: { state: string; calls: { id: string; function: string; args: number[] }[] };
  exit?: { output?: unknown; error?: string };
}

function child(fn: string, ...args: string[]): Step {
  const out = execFileSync(process.execPath, [join(ROOT, "test/support/resume-in-child.mjs"), MODULE, fn, ...args], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out) as Step;
}

/** Runs `fn` to its exit, one process per step, answering each call to square(n) with n * n. */
function runAcrossProcesses(fn: string, input: unknown): { exit: Step["exit"]; calls: string[] } {
  const calls: string[] = [];
  let step = child(fn, "start", JSON.stringify(input));
  for (let guard = 0; step.poll !== undefined && guard < 20; guard++) {
    const results = step.poll.calls.map((c) => {
      calls.push(`${c.function}(${c.args.join(", ")})`);
      return { id: c.id, output: c.args[0]! * c.args[0]! };
    });
    step = child(fn, "resume", step.poll.state, JSON.stringify(results));
  }
  return { exit: step.exit, calls };
}

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  const r = transformSource(readFileSync(SOURCE, "utf8"), { fileName: SOURCE, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  // No source map comment: the map is not written next to the module.
  writeFileSync(MODULE, r.code.replace(/\n\/\/# sourceMappingURL=.*$/, ""));
});

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("engine: generators in state", () => {
  it("a generator function's generator continues in a process that never called it", () => {
    const { exit, calls } = runAcrossProcesses("sumSquares", [3]);
    expect(calls).toEqual(["square(3)", "square(2)", "square(1)"]);
    expect(exit).toEqual({ output: [14, ["after 3", "after 2", "after 1", "closed"]] });
  }, 60_000);

  it("a generator method's generator continues in a process that never called the method", () => {
    const { exit, calls } = runAcrossProcesses("sumMethod", [[2, 5]]);
    expect(calls).toEqual(["square(2)", "square(5)"]);
    expect(exit).toEqual({ output: 29 });
  }, 60_000);

  it("a generator declared inside a function stays native: holding it across a poll fails and says where to move it", () => {
    const { exit, calls } = runAcrossProcesses("sumHidden", [[3, 4]]);
    expect(calls).toEqual([]);
    expect(exit?.error).toMatch(/generator object.*a native generator cannot be saved; generators declared at the top level of a module with durable code/);
  }, 60_000);
});
