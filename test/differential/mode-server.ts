// One long-lived runner process per mode of the differential harness
// (test/support/run-fixtures-mode.mjs DIR -): it imports the runtime once and then runs compiled
// programs as their names arrive, so many small batches (and shrinking, one candidate at a time)
// do not pay a process start each.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join, resolve } from "node:path";
import type { RunRecord } from "./run-record.js";

const ROOT = resolve(import.meta.dirname, "../..");

export const MODES = {
  native: { DISPATCH_NATIVE: "1" },
  transformed: {},
  suspended: { DISPATCH_SUSPEND_EVERY_AWAIT: "1" },
} as const;

export type Mode = keyof typeof MODES;

export class ModeServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { name: string; resolve: (r: RunRecord) => void }[] = [];
  private buffer = "";
  private stderr = "";

  constructor(
    readonly mode: Mode,
    dir: string,
  ) {
    this.child = spawn(process.execPath, [join(ROOT, "test/support/run-fixtures-mode.mjs"), dir, "-"], {
      cwd: ROOT,
      env: { ...process.env, DISPATCH_NATIVE: "", DISPATCH_SUSPEND_EVERY_AWAIT: "", ...MODES[mode] },
    });
    this.child.stdout.on("data", (d) => this.receive(String(d)));
    this.child.stderr.on("data", (d) => (this.stderr = (this.stderr + d).slice(-4000)));
    this.child.on("close", () => {
      for (const w of this.waiting.splice(0)) w.resolve({ fixture: w.name, error: `the ${mode} runner exited: ${this.stderr}` });
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (!line.startsWith("{")) continue;
      const record = JSON.parse(line) as RunRecord;
      const next = this.waiting.shift();
      if (next === undefined || next.name !== record.fixture) throw new Error(`${this.mode} runner answered ${record.fixture} out of turn`);
      next.resolve(record);
    }
  }

  /** Runs DIR/NAME.mjs; records come back in the order asked. */
  run(name: string): Promise<RunRecord> {
    return new Promise((resolvePromise) => {
      this.waiting.push({ name, resolve: resolvePromise });
      this.child.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
