// Speed of the scheduler through the production path (issue 8, "Speed"):
// `dispatch.run(f(x))` on the embedded runner (scheduler + engine in one
// process, functions invoked in-process, state through the codec), with the
// memory store and with the SQLite file store at its default durability
// (WAL, synchronous=NORMAL: a commit survives a killed process, not a power cut; the outcomes of
// runs committed in groups within a 10 ms window: a killed process runs its last window again).
//  - fan-out: one workflow gathers 2,000 trivial calls (bench/programs/workflows.ts#fanOut);
//    calls/s = 2,000 / duration of dispatch.run. Goals: >= 20,000/s in memory, >= 5,000/s on file.
//  - sequence: 200 sequential durable calls on the file store (goal <= 40 ms), and
//    time(1,000) / time(100) (linear: about 10).
//  - state bytes per Poll and store writes per call, counted in a separate pass (below).
// Every dispatch.run opens the store and closes it when it returns (the embedded runner keeps
// nothing open between runs), so each figure includes that; the cost of opening and closing alone
// is measured too (dispatch.run of one trivial call).
//
// Method: warm-up rounds, then rounds in which every measurement runs once in rotating order;
// figures are medians over rounds. Wall time is what the goals are about; process CPU time (user +
// system, GC threads included) is printed beside it because our machines are shared and under
// load wall time mostly measures the wait for a core. Bounded by --budget (default 40 s of rounds;
// the whole script stays under 90 s on a loaded 2-core machine).
// Store files live in .cache/bench-<pid>/ and are removed at the end.
//
//   node bench/scheduler.bench.mjs [--rounds=N] [--budget=MS] [--only=TEXT]   (after npx tsc -p tsconfig.build.json)
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import Database from "better-sqlite3";
import { join } from "node:path";
import * as dispatch from "dispatch-ts";
import { Scheduler } from "../dist/runtime/scheduler/scheduler.js";
import { countingStore, createMemoryStore, openSqliteStore, WRITE_OPERATIONS } from "../dist/runtime/scheduler/store/index.js";
import { loadOrCreateStateKey } from "../dist/runtime/server/state-key.js";
import { arg, cleanUp, fmt, loadProgram, machine, median, rotatingRounds, warnTestModes, WORK } from "./programs/support.mjs";

const FAN = 2000;
const SEQ = 200;
const SEQ_SMALL = 100;
const SEQ_LARGE = 1000;
const WARMUP = arg("warmup", 1);
const ROUNDS = arg("rounds", 7);
const MIN_ROUNDS = 3;
const BUDGET_MS = arg("budget", 40_000);
// --only=TEXT keeps the measurements whose name contains TEXT (for profiling one of them).
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice(7);

warnTestModes();

/**
 * The embedded runner with its store wrapped by countingStore, for the counting pass only.
 * EmbeddedRunner builds its store inside, so this subclass re-does what its start() does
 * (runtime/embedded/embedded-runner.ts: the same Engine and Scheduler options) over a wrapped
 * store; run() and stop() are the production ones. Timed figures never use this class.
 */
class CountingRunner extends dispatch.EmbeddedRunner {
  constructor(options) {
    super({ ...options, idempotent: true });
    this.counts = { writes: 0, ops: {}, polls: 0, stateBytes: 0 };
  }
  start() {
    this.started ??= (async () => {
      const o = this.options;
      const inner = o.memory ? createMemoryStore() : await openSqliteStore({ folder: o.dir, synchronous: o.synchronous, commitWindowMs: o.commitWindowMs });
      const store = countingStore(inner);
      // Polls reach the store through writeOutcomes (the scheduler's batched outcome writes).
      const countPolls = (polls) => {
        this.counts.polls += polls.length;
        for (const p of polls) this.counts.stateBytes += p.state.length;
      };
      const recordPolls = store.recordPolls;
      store.recordPolls = (polls, now) => {
        countPolls(polls);
        return recordPolls(polls, now);
      };
      const writeOutcomes = store.writeOutcomes;
      store.writeOutcomes = (batch, now) => {
        countPolls(batch.polls);
        return writeOutcomes(batch, now);
      };
      const close = store.close;
      store.close = () => {
        this.counts.writes += store.writes();
        for (const name of WRITE_OPERATIONS) this.counts.ops[name] = (this.counts.ops[name] ?? 0) + store.counts[name];
        return close();
      };
      const stateKey = o.memory ? new Uint8Array(randomBytes(32)) : loadOrCreateStateKey(o.dir);
      let scheduler;
      const engine = new dispatch.Engine({ stateKey, dispatchDetached: (calls) => scheduler.dispatch(calls) });
      scheduler = new Scheduler({ store, invoker: (_endpoint, req) => engine.run(req) });
      await scheduler.start();
      return { scheduler, store };
    })();
    return this.started;
  }
}

/**
 * Counts SQLite transactions of the stores opened while `fn` runs (the counting pass only): the
 * file store groups many store operations into one transaction, so operations alone do not say
 * what reaches the disk. better-sqlite3's `transaction()` wraps each at its preparation.
 */
async function countingSqliteTransactions(fn) {
  const original = Database.prototype.transaction;
  let count = 0;
  Database.prototype.transaction = function (body) {
    const tx = original.call(this, body);
    return function (...args) {
      count++;
      return tx.apply(this, args);
    };
  };
  try {
    await fn();
  } finally {
    Database.prototype.transaction = original;
  }
  return count;
}

async function main() {
  const { fanOut, sequence, step } = await loadProgram("workflows");
  const stores = join(WORK, "stores");
  mkdirSync(stores, { recursive: true });
  const memory = new dispatch.EmbeddedRunner({ memory: true });
  const file = new dispatch.EmbeddedRunner({ dir: join(stores, "timed") });
  if (file.options.synchronous !== "NORMAL") throw new Error(`the file store's default durability is ${file.options.synchronous}, this benchmark says NORMAL`);

  let salt = 0; // each root call distinct: root calls carry idempotency keys
  const on = async (runner, call) => {
    dispatch.setRunner(runner);
    try {
      return await dispatch.run(call);
    } finally {
      dispatch.setRunner(undefined);
    }
  };
  const check = (got, want, what) => {
    if (got !== want) throw new Error(`${what} returned ${got}, expected ${want}`);
  };
  const fanTotal = (FAN * (FAN + 1)) / 2;
  const seqTotal = (k) => (k * (k + 1)) / 2;
  const tasks = {
    "fan-out, memory": async () => check(await on(memory, fanOut(FAN, ++salt)), fanTotal, "fanOut on memory"),
    "fan-out, file": async () => check(await on(file, fanOut(FAN, ++salt)), fanTotal, "fanOut on file"),
    [`sequence ${SEQ}, file`]: async () => check(await on(file, sequence(SEQ, ++salt)), seqTotal(SEQ), "sequence on file"),
    [`sequence ${SEQ_SMALL}, file`]: async () => check(await on(file, sequence(SEQ_SMALL, ++salt)), seqTotal(SEQ_SMALL), "sequence on file"),
    [`sequence ${SEQ_LARGE}, file`]: async () => check(await on(file, sequence(SEQ_LARGE, ++salt)), seqTotal(SEQ_LARGE), "sequence on file"),
    [`sequence ${SEQ}, memory`]: async () => check(await on(memory, sequence(SEQ, ++salt)), seqTotal(SEQ), "sequence on memory"),
    "one trivial call, file": async () => check(await on(file, step(++salt)), salt + 1, "step on file"),
    "one trivial call, memory": async () => check(await on(memory, step(++salt)), salt + 1, "step on memory"),
  };
  const names = Object.keys(tasks).filter((n) => ONLY === undefined || n.includes(ONLY));
  const { samples, rounds } = await rotatingRounds(Object.fromEntries(names.map((n) => [n, tasks[n]])), { warmup: WARMUP, rounds: ROUNDS, minRounds: MIN_ROUNDS, budgetMs: BUDGET_MS });
  const wall = (n) => median(samples[n].map((s) => s.wall));
  const cpu = (n) => median(samples[n].map((s) => s.cpu));

  console.log(`scheduler: ${machine()}`);
  console.log(
    `dispatch.run on the embedded runner; file store = SQLite WAL, synchronous=NORMAL, outcomes of runs committed within ${file.options.commitWindowMs} ms ` +
      `(the defaults: a commit survives a killed process, not a power cut; a killed process runs its last window again)`,
  );
  console.log(`${rounds} rounds after ${WARMUP} warm-up round(s); medians, wall time (process CPU time in parentheses)`);
  for (const n of names) console.log(`  ${n.padEnd(26)} ${fmt(wall(n), 1).padStart(8)} ms  (${fmt(cpu(n), 1)} ms CPU)`);
  if (ONLY !== undefined) return;

  // The counting pass: one run of each workflow on a runner whose store is wrapped.
  const counted = {};
  for (const [kind, options] of [["memory", { memory: true }], ["file", { dir: join(stores, "counted") }]]) {
    for (const [what, call, calls] of [["fan-out", () => fanOut(FAN, ++salt), FAN + 1], [`sequence ${SEQ}`, () => sequence(SEQ, ++salt), SEQ + 1]]) {
      const runner = new CountingRunner(options);
      const transactions = await countingSqliteTransactions(() => on(runner, call()));
      const c = runner.counts;
      counted[`${what}, ${kind}`] = {
        calls,
        writes: c.writes,
        writesPerCall: c.writes / calls,
        ...(kind === "file" ? { transactions, transactionsPerCall: transactions / calls } : {}),
        polls: c.polls,
        bytesPerPoll: c.stateBytes / c.polls,
        ops: Object.fromEntries(Object.entries(c.ops).filter(([, v]) => v > 0)),
      };
    }
  }

  const rate = (n, t) => FAN / (t(n) / 1000);
  const verdict = (ok) => (ok ? "met" : "MISSED");
  const memRate = rate("fan-out, memory", wall);
  const fileRate = rate("fan-out, file", wall);
  console.log(`fan-out of ${FAN} calls from one workflow:`);
  console.log(`  memory: ${fmt(memRate, 0)} calls/s (${fmt(rate("fan-out, memory", cpu), 0)} per CPU-second); goal >= 20,000/s: ${verdict(memRate >= 20_000)}`);
  console.log(`  file:   ${fmt(fileRate, 0)} calls/s (${fmt(rate("fan-out, file", cpu), 0)} per CPU-second); goal >= 5,000/s: ${verdict(fileRate >= 5_000)}`);
  const seq = wall(`sequence ${SEQ}, file`);
  console.log(`${SEQ} sequential durable calls on file: ${fmt(seq, 1)} ms (${fmt(cpu(`sequence ${SEQ}, file`), 1)} ms CPU); goal <= 40 ms: ${verdict(seq <= 40)}`);
  console.log(`  without opening and closing the store (minus one trivial call's run): ${fmt(seq - wall("one trivial call, file"), 1)} ms`);
  const lin = wall(`sequence ${SEQ_LARGE}, file`) / wall(`sequence ${SEQ_SMALL}, file`);
  const linCpu = cpu(`sequence ${SEQ_LARGE}, file`) / cpu(`sequence ${SEQ_SMALL}, file`);
  console.log(`  time(${SEQ_LARGE}) / time(${SEQ_SMALL}) on file: ${fmt(lin)}x wall (${fmt(linCpu)}x CPU); linear is about 10`);
  console.log(`per call, from one counted run of each (countingStore around the store; writes = store operations, which the file store commits in groups: its SQLite transactions, opening and closing included, are counted apart):`);
  for (const [n, c] of Object.entries(counted)) {
    const tx = c.transactions === undefined ? "" : `, ${fmt(c.transactionsPerCall)} SQLite transactions/call (${c.transactions})`;
    console.log(`  ${n.padEnd(22)} ${fmt(c.writesPerCall)} writes/call (${c.writes} for ${c.calls} calls)${tx}, ${c.polls} polls, ${fmt(c.bytesPerPoll, 0)} bytes of state per Poll  ${JSON.stringify(c.ops)}`);
  }
  if (process.env.BENCH_JSON) {
    const { writeFileSync } = await import("node:fs");
    const table = Object.fromEntries(names.map((n) => [n, { wall: wall(n), cpu: cpu(n) }]));
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({ rounds, table, memRate, fileRate, seq, lin, linCpu, counted }, null, 2));
  }
}

try {
  await main();
} finally {
  cleanUp();
}
