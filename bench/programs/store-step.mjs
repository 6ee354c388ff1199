// The stores alone, driven the way a sequence drives them (no engine, no scheduler core): per
// step, the parent's Poll with the claim of its new child (one writeOutcomes), then the child's
// completion with the claim of the parent (a second one). Between sqlite-floor.mjs (one bare
// SQLite transaction) and the scheduler bench (the whole dispatch.run), this says what our
// statements cost. --wal also counts the bytes each transaction appends to the WAL (checkpoints
// are turned off for that run, so its CPU figure is not comparable).
//   node bench/programs/store-step.mjs [--n=5000] [--memory] [--wal]   (after npx tsc -p tsconfig.build.json)
import { createRequire } from "node:module";
import { rmSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { arg, fmt, machine, ROOT, WORK } from "./support.mjs";
import { createMemoryStore, openSqliteStore } from "../../dist/runtime/scheduler/store/index.js";
import { newCallId } from "../../dist/runtime/scheduler/call-id.js";

const N = arg("n", 5000);
const WARMUP = 500;
const MEMORY = process.argv.includes("--memory");
const WAL = process.argv.includes("--wal");

if (WAL) {
  // The store sets its own pragmas; this adds one after journal_mode, for the counting run only.
  const Database = createRequire(join(ROOT, "package.json"))("better-sqlite3");
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (source, options) {
    const out = pragma.call(this, source, options);
    if (/journal_mode = WAL/.test(source)) pragma.call(this, "wal_autocheckpoint = 0");
    return out;
  };
}

const dir = join(WORK, "store-step");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const store = MEMORY ? createMemoryStore() : await openSqliteStore({ folder: dir });
const walBytes = () => (WAL ? statSync(join(dir, "dispatch.db-wal")).size : 0);

// Sizes as in `sequence`: a 218-byte state, small inputs and results.
const input = new Uint8Array(40);
const state = new Uint8Array(218);
const output = new Uint8Array(30);
const cancelled = { error: new Uint8Array(40) };
const claim = (now) => ({ now, limit: 64, capacity: {}, defaultCapacity: 64 });
const call = (now, fn, parent, correlationId) => ({
  id: newCallId(now),
  rootId: parent?.rootId ?? "",
  ...(parent ? { parentId: parent.id } : {}),
  correlationId,
  kind: "run",
  endpoint: "",
  function: fn,
  version: "",
  input,
  createdAt: now,
  readyAt: now,
});

let now = Date.now();
const root = call(now, "sequence", undefined, 0n);
root.rootId = root.id;
await store.insertCalls([root], now);
let [parent] = await store.claimRunnable(claim(now));
let pollBytes = 0;
let completionBytes = 0;

async function step(i) {
  now++;
  const child = call(now, "step", parent.call, BigInt(i + 1));
  const w0 = walBytes();
  const polled = await store.writeOutcomes(
    {
      completions: [],
      polls: [{ id: parent.call.id, attempt: parent.call.attempt, state, stateTyped: false, minResults: 1, maxResults: 1, deadline: now + 3_600_000, children: [child], cancel: [], cancelled }],
      reschedules: [],
      claim: claim(now),
    },
    now,
  );
  const running = polled.claimed[0];
  if (running?.call.id !== child.id) throw new Error(`step ${i}: the child was not claimed with the Poll`);
  const w1 = walBytes();
  const completed = await store.writeOutcomes(
    { completions: [{ id: child.id, attempt: running.call.attempt, status: "succeeded", result: { output }, cancelled }], polls: [], reschedules: [], claim: claim(now) },
    now,
  );
  const resumed = completed.claimed[0];
  if (resumed?.call.id !== root.id || resumed.results.length !== 1) throw new Error(`step ${i}: the parent was not claimed with its result`);
  parent = resumed;
  pollBytes += w1 - w0;
  completionBytes += walBytes() - w1;
}

for (let i = 0; i < WARMUP; i++) await step(i);
pollBytes = completionBytes = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = WARMUP; i < WARMUP + N; i++) await step(i);
const wall = performance.now() - t0;
const c = process.cpuUsage(c0);
await store.close();
rmSync(WORK, { recursive: true, force: true });
console.log(`store step: ${machine()}`);
console.log(
  `  ${MEMORY ? "memory store" : "file store (WAL, NORMAL)"}: ${fmt((c.user + c.system) / N, 1)} us CPU per step (${fmt((wall * 1000) / N, 1)} us wall), ${N} steps after ${WARMUP}`,
);
if (WAL) console.log(`  WAL bytes per step: ${fmt(pollBytes / N, 0)} for the Poll, ${fmt(completionBytes / N, 0)} for the completion`);
