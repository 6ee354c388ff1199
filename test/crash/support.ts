// Pieces of the embedded crash test: compiling the program, running it in a child process that
// is killed with SIGKILL when a trigger fires, reading the ledger, and reading a store folder.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, copyFileSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { transformSource } from "../../transformer/transform-source.js";
import { openSqliteStore, SQLITE_FILE_NAME, type CallRecord } from "../../runtime/scheduler/store/index.js";
import { decodeAny } from "../../runtime/scheduler/any-bytes.js";
import { fromAny } from "../../runtime/values/index.js";
import { valueCodec } from "../../runtime/engine/value-codec.js";

const KILL_FROM_INSIDE = join(import.meta.dirname, "kill-from-inside.mjs");

/** mulberry32: a small seeded generator, so a failing schedule of kills can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The program twice: lowered by our transformer (durable), and with only its types stripped (the
 * native oracle). Both import "dispatch-ts", which resolves to dist/ by package self-reference
 * because `work` is inside the repository. */
export function compileProgram(source: string, root: string, work: string): { durable: string; native: string } {
  mkdirSync(work, { recursive: true });
  const code = readFileSync(source, "utf8");
  const lowered = transformSource(code, { fileName: source, root });
  if (lowered.diagnostics.length > 0) throw new Error(`cannot compile ${source}: ${lowered.diagnostics.length} diagnostics`);
  const stripped = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  const durable = join(work, "workflows.mjs");
  const native = join(work, "workflows-native.mjs");
  writeFileSync(durable, lowered.code);
  writeFileSync(native, stripped.outputText);
  return { durable, native };
}

/** When to kill a run: a time after the spawn, a time after the child took the store's lock (it
 * writes its pid into `<dir>/lock` as it opens the store), once it appended `lines` ledger lines,
 * as soon as the poll sees the WAL written for the `writes`-th time (between two commits, mostly),
 * or by the child itself (kill-from-inside.mjs) inside a store transaction or a commit. */
export type Trigger =
  | { readonly kind: "time"; readonly ms: number }
  | { readonly kind: "opened"; readonly ms: number }
  | { readonly kind: "steps"; readonly lines: number }
  | { readonly kind: "wal"; readonly writes: number }
  | { readonly kind: "transaction"; readonly index: number }
  | { readonly kind: "commit"; readonly after: number };

export function describeTrigger(t: Trigger): string {
  if (t.kind === "time") return `${t.ms} ms after the spawn`;
  if (t.kind === "opened") return `${t.ms} ms after the store was opened`;
  if (t.kind === "transaction") return `inside store transaction #${t.index}`;
  if (t.kind === "commit") return `inside the commit after ${t.after} commits`;
  return t.kind === "steps" ? `after ${t.lines} steps` : `at the WAL write #${t.writes} seen`;
}

export function modified(file: string): bigint {
  try {
    return statSync(file, { bigint: true }).mtimeNs;
  } catch {
    return 0n;
  }
}

function lockOwner(lockFile: string): string | undefined {
  try {
    return readFileSync(lockFile, "utf8").trim();
  } catch {
    return undefined;
  }
}

export interface RunOutcome {
  /** True when the trigger fired and the child was killed with SIGKILL. */
  readonly killed: boolean;
  readonly ms: number;
  /** Ledger lines the child appended. */
  readonly lines: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Killed because it outlived `deadlineMs`. */
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Counts the newlines appended to a file since `from`, reading only the new bytes. */
class LedgerWatch {
  private offset: number;
  lines = 0;
  constructor(
    private readonly file: string,
    from: number,
  ) {
    this.offset = from;
  }
  poll(): number {
    if (!existsSync(this.file)) return this.lines;
    const fd = openSync(this.file, "r");
    try {
      const size = fstatSync(fd).size;
      const buffer = Buffer.alloc(Math.max(0, size - this.offset));
      const read = readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset += read;
      for (let i = 0; i < read; i++) if (buffer[i] === 10) this.lines++;
    } finally {
      closeSync(fd);
    }
    return this.lines;
  }
}

export function fileSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/**
 * Runs `node program count` and kills it with SIGKILL when `trigger` fires (undefined: never).
 * A child still alive after `deadlineMs` is killed too and reported as a failure by the caller.
 * Every child is put in `live` until it has exited, so afterEach can kill what a failure left.
 */
export function runProgram(opts: {
  program: string;
  count: number;
  env: NodeJS.ProcessEnv;
  ledger: string;
  /** The store folder (for the "opened" trigger). */
  dir?: string;
  trigger: Trigger | undefined;
  deadlineMs: number;
  live: Set<ChildProcess>;
}): Promise<RunOutcome> {
  const started = Date.now();
  const watch = new LedgerWatch(opts.ledger, fileSize(opts.ledger));
  const t0 = opts.trigger;
  const inside = t0?.kind === "transaction" ? { CRASH_KILL_IN_TRANSACTION: String(t0.index) } : t0?.kind === "commit" ? { CRASH_KILL_IN_COMMIT: String(t0.after) } : undefined;
  const args = inside !== undefined ? ["--import", pathToFileURL(KILL_FROM_INSIDE).href, opts.program] : [opts.program];
  const env = inside !== undefined ? { ...opts.env, ...inside } : opts.env;
  const child = spawn(process.execPath, [...args, String(opts.count)], { env, stdio: ["ignore", "pipe", "pipe"] });
  opts.live.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let killedByTrigger = false;
  let openedAt: number | undefined;
  let timedOut = false;
  const wal = opts.dir !== undefined ? join(opts.dir, `${SQLITE_FILE_NAME}-wal`) : undefined;
  let walModified = wal !== undefined ? modified(wal) : 0n;
  let walWrites = 0;
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  // The ledger is polled every millisecond: a kill of the "steps" kind lands right after a step
  // appended its line, often before the scheduler has committed that step's result.
  const timer = setInterval(() => {
    const lines = watch.poll();
    const t = opts.trigger;
    if (t?.kind === "opened" && openedAt === undefined && opts.dir !== undefined && lockOwner(join(opts.dir, "lock")) === String(child.pid)) openedAt = Date.now();
    if (t?.kind === "wal" && wal !== undefined) {
      const m = modified(wal);
      if (m !== walModified) walWrites++;
      walModified = m;
    }
    const due =
      t !== undefined &&
      (t.kind === "time"
        ? Date.now() - started >= t.ms
        : t.kind === "opened"
          ? openedAt !== undefined && Date.now() - openedAt >= t.ms
          : t.kind === "steps"
            ? lines >= t.lines
            : t.kind === "wal" && walWrites >= t.writes);
    if (due && !killedByTrigger) {
      killedByTrigger = true;
      kill();
    }
    if (Date.now() - started > opts.deadlineMs && !timedOut) {
      timedOut = true;
      kill();
    }
  }, 1);
  return new Promise((resolve, reject) => {
    child.once("error", (error) => {
      clearInterval(timer);
      opts.live.delete(child);
      reject(error);
    });
    child.once("close", (code) => {
      clearInterval(timer);
      opts.live.delete(child);
      resolve({ killed: (killedByTrigger || inside !== undefined) && child.signalCode === "SIGKILL", ms: Date.now() - started, lines: watch.poll(), code, signal: child.signalCode, timedOut, stdout, stderr });
    });
  });
}

/** Ledger lines "<step key> <run>": the executions of every step, by run. */
export function readLedger(file: string): { key: string; run: number }[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, "utf8");
  if (text !== "" && !text.endsWith("\n")) throw new Error(`ledger ${file} ends with a partial line: ${JSON.stringify(text.slice(-80))}`);
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const m = /^(w\d+(?:\.[a-z]\d*)+) (\d+)$/.exec(line);
      if (!m) throw new Error(`ledger ${file} has a malformed line: ${JSON.stringify(line)}`);
      return { key: m[1]!, run: Number(m[2]) };
    });
}

export interface StoredCall {
  readonly record: CallRecord;
  /** The decoded output of a succeeded call. */
  readonly output?: unknown;
}

/** Every call of a store folder, through the store interface (so schema changes do not matter). */
export async function readStore(folder: string): Promise<StoredCall[]> {
  if (!existsSync(join(folder, SQLITE_FILE_NAME))) return [];
  const store = await openSqliteStore({ folder });
  try {
    const records = await store.listCalls({ rootsOnly: false, limit: 1_000_000 });
    return records.map((record) =>
      record.result?.output !== undefined ? { record, output: fromAny(decodeAny(record.result.output), valueCodec) } : { record },
    );
  } finally {
    await store.close();
  }
}

/**
 * What the next run will find in `folder`, read from a copy of the database and its WAL: opening
 * the folder itself would recover and checkpoint the WAL, so the next run would no longer start
 * from the files a crash left. Without the -shm file SQLite rebuilds the WAL index from the WAL.
 */
export async function readStoreCopy(folder: string, copy: string): Promise<StoredCall[]> {
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const name of [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`]) {
    if (existsSync(join(folder, name))) copyFileSync(join(folder, name), join(copy, name));
  }
  try {
    return await readStore(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Step keys whose result is recorded in the store: a step returns "<key>=<digest>". */
export function recordedSteps(calls: readonly StoredCall[]): Set<string> {
  const keys = new Set<string>();
  for (const c of calls) {
    if (c.record.function !== "step" || c.record.status !== "succeeded") continue;
    keys.add(String(c.output).split("=")[0]!);
  }
  return keys;
}

/** Every call id, with its recorded outcome once it has one: what must survive every later crash. */
export function outcomes(calls: readonly StoredCall[]): Map<string, string | undefined> {
  const hex = (b: Uint8Array | undefined): string => (b === undefined ? "-" : Buffer.from(b).toString("hex"));
  return new Map(
    calls.map((c) => {
      const r = c.record;
      const terminal = r.status === "succeeded" || r.status === "failed" || r.status === "cancelled";
      return [r.id, terminal ? `${r.status} ${hex(r.result?.output)} ${hex(r.result?.error)}` : undefined];
    }),
  );
}

/** Calls of `before` missing from `after`, and outcomes of `before` that `after` changed. */
export function changedOutcomes(before: ReadonlyMap<string, string | undefined>, after: ReadonlyMap<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const [id, outcome] of before) {
    if (!after.has(id)) problems.push(`call ${id} was lost`);
    else if (outcome !== undefined && after.get(id) !== outcome) problems.push(`call ${id}: recorded ${outcome.slice(0, 60)}, then ${String(after.get(id)).slice(0, 60)}`);
  }
  return problems;
}
