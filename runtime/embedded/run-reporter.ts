// What `dispatch.run` tells the person who started it: one summary line when a
// run ends, and a progress line now and then while a long run waits (on
// retries, timers, events), so a quiet terminal never looks like a hang.
// Built on the scheduler's events, which fire after the store operations they describe;
// a call resumed from an earlier process's work only counts what this process
// saw, and the summary says so.
import type { Scheduler } from "../scheduler/scheduler.js";

export interface RunReporterOptions {
  /** Where lines go (default: standard error). */
  write?: (line: string) => void;
  /** First progress line after this long, then one per interval (default 10 s). */
  progressEveryMs?: number;
}

interface RunStats {
  readonly function: string;
  readonly startedAt: number;
  readonly earlier: "unfinished" | "finished" | undefined;
  calls: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  retries: number;
  resumes: number;
  /** The latest retry per function, for the progress line. */
  readonly lastRetry: Map<string, string>;
  /** Unfinished calls below the root (id -> function), for the progress line. */
  readonly open: Map<string, string>;
}

export interface RunWatch {
  /** Prints the summary and stops watching. */
  finish(outcome: "succeeded" | "failed"): void;
}

export class RunReporter {
  private readonly rootOf = new Map<string, string>();
  private readonly runs = new Map<string, RunStats>();
  /** Roots of an earlier process that this process continued and finished before anyone watched
   * them (the pump resumes them as soon as it starts, possibly before `dispatch.run` asks). */
  private readonly finishedUnwatched = new Map<string, "succeeded" | "failed" | "cancelled">();
  private readonly write: (line: string) => void;
  private readonly progressEveryMs: number;
  private readonly unsubscribe: () => void;

  constructor(scheduler: Scheduler, options: RunReporterOptions = {}) {
    this.write = options.write ?? ((line) => process.stderr.write(`${line}\n`));
    this.progressEveryMs = options.progressEveryMs ?? 10_000;
    const e = scheduler;
    const offs = [
      e.on("call:dispatched", (ev) => {
        const run = this.runs.get(ev.rootId);
        // Roots are remembered until they finish, since `watch` comes after their dispatch.
        if (run === undefined && ev.id !== ev.rootId) return;
        this.rootOf.set(ev.id, ev.rootId);
        if (run === undefined) return;
        run.calls++;
        if (ev.id !== ev.rootId) run.open.set(ev.id, ev.function);
      }),
      e.on("call:retry", (ev) => {
        const run = this.runOf(ev.id);
        if (run === undefined) return;
        run.retries++;
        run.lastRetry.set(ev.function, `${ev.status}${ev.message ? ` "${shorten(ev.message)}"` : ""}`);
      }),
      e.on("call:resume", (ev) => {
        const run = this.runOf(ev.id);
        if (run !== undefined) run.resumes++;
      }),
      e.on("call:done", (ev) => {
        const run = this.runOf(ev.id);
        if (run === undefined) {
          this.#noteUnwatchedRoot(ev.id, ev.parentId, ev.status);
          this.rootOf.delete(ev.id);
          return;
        }
        if (ev.status === "succeeded") run.succeeded++;
        else run.failed++;
        run.lastRetry.delete(ev.function);
        run.open.delete(ev.id);
      }),
      e.on("call:cancelled", (ev) => {
        const run = this.runOf(ev.id);
        if (run === undefined) {
          this.#noteUnwatchedRoot(ev.id, ev.parentId, "cancelled");
          return;
        }
        run.cancelled++;
        run.open.delete(ev.id);
      }),
    ];
    this.unsubscribe = () => offs.forEach((off) => off());
  }

  /** Whether this process saw the dispatch of `id` (false: an idempotency key found an earlier process's call). */
  sawDispatch(id: string): boolean {
    return this.rootOf.has(id);
  }

  /** Whether this process finished root `id` of an earlier process before `watch` was called:
   * its stored status then reads terminal, but the run was continued here, not found finished. */
  finishedHere(id: string): boolean {
    return this.finishedUnwatched.has(id);
  }

  // Only roots that no run of this process dispatched (those are in rootOf until they finish).
  #noteUnwatchedRoot(id: string, parentId: string | undefined, status: "succeeded" | "failed" | "cancelled"): void {
    if (parentId === undefined && !this.rootOf.has(id)) this.finishedUnwatched.set(id, status);
  }

  /**
   * Starts watching the run of root call `rootId`. `earlier`: an idempotency key found this call
   * made by an earlier process, "unfinished" (this run continues it) or "finished" (its stored
   * result is the answer).
   */
  watch(rootId: string, fn: string, earlier?: "unfinished" | "finished"): RunWatch {
    const stats: RunStats = {
      function: fn,
      startedAt: Date.now(),
      earlier,
      calls: 0,
      succeeded: 0,
      failed: 0,
      cancelled: 0,
      retries: 0,
      resumes: 0,
      lastRetry: new Map(),
      open: new Map(),
    };
    // The root's own dispatch came before `watch`; an unfinished root of an earlier process is
    // counted too, since it finishes here (else the line says "2 calls (3 succeeded)").
    if (this.rootOf.has(rootId) || earlier === "unfinished") stats.calls++;
    const finishedBefore = this.finishedUnwatched.get(rootId);
    if (finishedBefore !== undefined) {
      this.finishedUnwatched.delete(rootId);
      stats[finishedBefore]++;
    }
    this.rootOf.set(rootId, rootId);
    this.runs.set(rootId, stats);
    let timer: NodeJS.Timeout | undefined;
    const tick = (): void => {
      this.write(progressLine(stats));
      timer = setTimeout(tick, this.progressEveryMs);
      timer.unref();
    };
    timer = setTimeout(tick, this.progressEveryMs);
    timer.unref();
    return {
      finish: (outcome) => {
        clearTimeout(timer);
        this.runs.delete(rootId);
        for (const [id, root] of this.rootOf) if (root === rootId) this.rootOf.delete(id);
        this.write(summaryLine(stats, outcome));
      },
    };
  }

  close(): void {
    this.unsubscribe();
  }

  private runOf(id: string): RunStats | undefined {
    const root = this.rootOf.get(id);
    return root === undefined ? undefined : this.runs.get(root);
  }
}

function summaryLine(s: RunStats, outcome: "succeeded" | "failed"): string {
  if (s.earlier === "finished") {
    return `dispatch: ${s.function} ${outcome} in an earlier run of this program: its stored result is returned (same function and arguments; give the call another argument, or delete the store folder, to run it again)`;
  }
  const finished = [
    s.succeeded > 0 ? `${s.succeeded} succeeded` : "",
    s.failed > 0 ? `${s.failed} failed` : "",
    s.cancelled > 0 ? `${s.cancelled} cancelled` : "",
  ].filter(Boolean);
  const parts = [
    `${s.calls} ${s.calls === 1 ? "call" : "calls"}${finished.length > 0 ? ` (${finished.join(", ")})` : ""}`,
    `${s.retries} ${s.retries === 1 ? "retry" : "retries"}`,
    `${s.resumes} ${s.resumes === 1 ? "resume" : "resumes"}`,
  ];
  const resumed = s.earlier === "unfinished" ? " (continued the unfinished run of an earlier process; counts are this process's)" : "";
  return `dispatch: ${s.function} ${outcome} in ${elapsed(Date.now() - s.startedAt)}: ${parts.join(", ")}${resumed}`;
}

function progressLine(s: RunStats): string {
  const done = s.succeeded + s.failed + s.cancelled;
  const retrying = [...s.lastRetry].map(([fn, why]) => `${fn}: ${why}`);
  const tail = retrying.length > 0 ? `; retrying ${retrying.slice(0, 3).join("; ")}${retrying.length > 3 ? `; and ${retrying.length - 3} more` : ""}` : "";
  const waiting = s.open.size > 0 ? `; waiting on ${openCalls(s.open)}` : "";
  return `dispatch: ${s.function} still running after ${elapsed(Date.now() - s.startedAt)}: ${done} of ${s.calls} calls finished, ${s.retries} retries${waiting}${tail}`;
}

/** "sleep, square x3": the unfinished calls by function, the reserved ones by their API name. */
function openCalls(open: ReadonlyMap<string, string>): string {
  const counts = new Map<string, number>();
  for (const fn of open.values()) {
    const name = RESERVED_NAMES[fn] ?? fn;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const list = [...counts].map(([fn, n]) => (n > 1 ? `${fn} x${n}` : fn));
  return list.length > 4 ? `${list.slice(0, 4).join(", ")} and ${list.length - 4} more` : list.join(", ");
}

const RESERVED_NAMES: Record<string, string> = {
  "dispatch_ts.sleep": "dispatch.sleep",
  "dispatch_ts.wait_for_event": "dispatch.waitForEvent",
};

function elapsed(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function shorten(message: string): string {
  const line = message.split("\n", 1)[0]!;
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
