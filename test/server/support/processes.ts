// Real processes for the server tests: the scheduler server (through the
// built CLI), endpoint processes serving a compiled module, and short CLI
// commands. Each is started in its own process group, and `killAll` (called
// in afterEach) SIGKILLs every group, so that a failing test never leaves a
// server behind, nor the application a killed `dispatch-ts run` started.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { transformSource } from "../../../transformer/transform-source.js";

export const ROOT = resolve(import.meta.dirname, "../../..");
export const CLI = join(ROOT, "dist/runtime/cli/main.js");
export const PROGRAMS = join(ROOT, "test/server/programs");
/** The state key every endpoint process of a test shares (hex of 32 bytes). */
export const STATE_KEY = "11".repeat(32);

/** Compiles programs/functions.ts into `work` (inside the repo, so that "dispatch-ts" resolves to dist/). */
export function compileFunctions(work: string): string {
  mkdirSync(work, { recursive: true });
  const source = join(PROGRAMS, "functions.ts");
  const r = transformSource(readFileSync(source, "utf8"), { fileName: source, root: ROOT });
  if (r.diagnostics.length > 0) throw new Error(`cannot compile ${source}: ${r.diagnostics.length} diagnostics`);
  const out = join(work, "functions.mjs");
  writeFileSync(out, r.code);
  return out;
}

export interface Started {
  readonly child: ChildProcess;
  readonly match: RegExpMatchArray;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Resolves once stdout matches (default: at once). */
  waitFor?: RegExp;
  timeoutMs?: number;
}

export class Processes {
  readonly #children = new Set<ChildProcess>();
  readonly #groups = new Set<number>();

  start(command: string, args: readonly string[], options: StartOptions = {}): Promise<Started> {
    const env = { ...process.env, ...options.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    this.#children.add(child);
    if (child.pid !== undefined) this.#groups.add(child.pid);
    let out = "";
    let err = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      child.once("exit", (code, signal) => {
        this.#children.delete(child);
        done({ code, signal });
      });
    });
    const started = (match: RegExpMatchArray): Started => ({ child, match, exited, stdout: () => out, stderr: () => err });
    if (options.waitFor === undefined) return Promise.resolve(started([] as unknown as RegExpMatchArray));
    const pattern = options.waitFor;
    const timeoutMs = options.timeoutMs ?? 15_000;
    return new Promise((resolveStart, reject) => {
      const check = () => {
        const m = pattern.exec(out);
        if (m === null) return;
        cleanup();
        resolveStart(started(m));
      };
      const fail = (why: string) => {
        cleanup();
        reject(new Error(`cannot start ${[command, ...args].join(" ")}: ${why}\nstdout:\n${out}\nstderr:\n${err}`));
      };
      const timer = setTimeout(() => fail(`no ${pattern} within ${timeoutMs} ms`), timeoutMs);
      const onExit = (code: number | null) => fail(`exited with ${code} before printing ${pattern}`);
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        child.off("exit", onExit);
      };
      child.stdout!.on("data", check);
      child.once("exit", onExit);
    });
  }

  /** Runs a command to its end (bounded) and returns its exit code and output. */
  async run(command: string, args: readonly string[], options: StartOptions = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const p = await this.start(command, args, options);
    const timeoutMs = options.timeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${args.join(" ")}: still running after ${timeoutMs} ms\n${p.stderr()}`)), timeoutMs)));
    try {
      const { code } = await Promise.race([p.exited, late]);
      return { code, stdout: p.stdout(), stderr: p.stderr() };
    } finally {
      clearTimeout(timer);
    }
  }

  async killAll(): Promise<void> {
    const exits = [...this.#children].map((child) => new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done(undefined) : child.once("exit", done))));
    for (const pgid of this.#groups) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // The whole group is gone already.
      }
    }
    this.#groups.clear();
    await Promise.all(exits);
  }
}

export interface SchedulerProcess {
  url: string;
  apiKey: string;
  verificationKey: string;
  started: Started;
}

/** `dispatch-ts serve` on a free port; resolves once it printed its configuration. */
export async function startScheduler(procs: Processes, dir: string, extra: readonly string[] = []): Promise<SchedulerProcess> {
  const started = await procs.start(process.execPath, [CLI, "serve", "--dir", dir, "--addr", "127.0.0.1:0", ...extra], {
    waitFor: /DISPATCH_API_URL=(\S+)\n\s*DISPATCH_API_KEY=(\S+)\n\s*DISPATCH_VERIFICATION_KEY=(\S+)\n/,
  });
  const [, url, apiKey, verificationKey] = started.match;
  return { url: url!, apiKey: apiKey!, verificationKey: verificationKey!, started };
}

/** An endpoint process serving the compiled module; resolves with its URL. */
export async function startEndpoint(procs: Processes, functions: string, env: Record<string, string | undefined>): Promise<{ url: string; started: Started }> {
  const started = await procs.start(process.execPath, [join(PROGRAMS, "endpoint.mjs"), functions], {
    env: { DISPATCH_ENDPOINT_ADDR: "127.0.0.1:0", DISPATCH_STATE_KEY: STATE_KEY, ...env },
    waitFor: /listening (\S+)\n/,
  });
  return { url: started.match[1]!, started };
}
