#!/usr/bin/env node
// Runs one transformed fixture with a new process at every await: hop-fixture-step.mjs starts it,
// and as long as a step leaves a state behind, a fresh process resumes from it. The record of
// the whole run is rebuilt from the lines every process appended to one file.
//   node test/support/run-fixture-across-processes.mjs TRANSFORMED_MODULE.mjs   # prints the record
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const STEP = join(dirname(fileURLToPath(import.meta.url)), "hop-fixture-step.mjs");
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function step(module, dir, what) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [STEP, module, dir, what], {
      cwd: ROOT,
      env: { ...process.env, DISPATCH_NATIVE: "", DISPATCH_SUSPEND_EVERY_AWAIT: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, err }));
  });
}

/**
 * The record of one cross-process run: `events` (what main logged, in order), `settledAt` (how
 * many events came before main settled), `outcome`, `unhandled`, `hops` (processes after the
 * first) and `awaits` (awaits executed, summed over the processes), or `error`.
 */
export async function runAcrossProcesses(module, { maxHops = 500 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "dispatch-hops-"));
  try {
    let hops = 0;
    let r = await step(module, dir, "start");
    while (r.code === 0 && existsSync(join(dir, "state.bin")) && hops < maxHops) {
      hops++;
      r = await step(module, dir, "resume");
    }
    const lines = existsSync(join(dir, "record.jsonl")) ? readFileSync(join(dir, "record.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
    if (r.code !== 0) return { error: `process ${hops} exited with ${r.code}: ${r.err.trim().split("\n").slice(0, 6).join("\n")}` };
    if (hops >= maxHops) return { error: `still running after ${maxHops} processes` };
    const events = [];
    const unhandled = [];
    let settledAt = -1;
    let outcome = { status: "timeout" };
    let awaits = 0;
    let replays = 0;
    for (const line of lines) {
      if (line.event) events.push(line.event);
      else if (line.settled) {
        settledAt = events.length;
        outcome = line.settled;
      } else if (line.unhandled) unhandled.push(line.unhandled);
      else if (line.proc) {
        awaits += line.proc.awaits;
        if (line.proc.replayed) replays++;
      }
    }
    // Each resumed process first finishes the await its predecessor settled and counted.
    return { events, settledAt, outcome, unhandled, hops, awaits: awaits - replays, replays, processes: lines.filter((l) => l.proc).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const record = await runAcrossProcesses(resolve(process.argv[2]));
  process.stdout.write(`${JSON.stringify(record, null, 1)}\n`);
}
