// Runs a transformed durable function one step per process: each step loads
// the module fresh, decodes the previous step's state and runs to the next
// Poll or the Exit (test/support/resume-in-child.mjs), so nothing survives in
// memory between steps but the bytes.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");

export interface Step {
  poll?: { state: string; calls: { id: string; function: string; args: number[] }[] };
  exit?: { output?: unknown; error?: string };
}

/** Transforms `source` into `module` (no source map comment: the map is not written next to it). */
export function compileForChild(source: string, module: string): void {
  const r = transformSource(readFileSync(source, "utf8"), { fileName: source, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  writeFileSync(module, r.code.replace(/\n\/\/# sourceMappingURL=.*$/, ""));
}

function child(module: string, fn: string, ...args: string[]): Step {
  const out = execFileSync(process.execPath, [join(ROOT, "test/support/resume-in-child.mjs"), module, fn, ...args], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out) as Step;
}

/** Runs `fn` of `module` to its exit, one process per step, answering each call to square(n) with n * n. */
export function runAcrossProcesses(module: string, fn: string, input: unknown): { exit: Step["exit"]; calls: string[] } {
  const calls: string[] = [];
  let step = child(module, fn, "start", JSON.stringify(input));
  for (let guard = 0; step.poll !== undefined && guard < 20; guard++) {
    const results = step.poll.calls.map((c) => {
      calls.push(`${c.function}(${c.args.join(", ")})`);
      return { id: c.id, output: c.args[0]! * c.args[0]! };
    });
    step = child(module, fn, "resume", step.poll.state, JSON.stringify(results));
  }
  return { exit: step.exit, calls };
}
