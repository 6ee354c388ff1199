// The stores alone, driven the way a sequence drives them (no engine, no scheduler core): per
// step, the parent's Poll with the claim of its new child (one writeOutcomes), then the child's
// completion with the claim of the parent (a second one). Between sqlite-floor.mjs (one bare
// SQLite transaction) and the scheduler bench (the whole dispatch.run), this says what our
// statements cost. The file store commits its changes in groups (at most 10 ms apart by default):
// a step costs its operations on the working copy and its share of a group commit. --wal also counts the bytes each transaction appends to the WAL (checkpoints
// are turned off for that run, so its CPU figure is not comparable) and the pages written per step
// by B-tree (one WAL frame per page, named through dbstat).
//   node bench/programs/store-step.mjs [--n=5000] [--memory] [--wal]   (after npx tsc -p tsconfig.build.json)
import { createRequire } from "node:module";
import { closeSync, openSync, readSync, rmSync, mkdirSync, statSync } from "node:fs";
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
/** WAL offsets of each measured step: before the Poll, between, after the completion. */
const steps = [];

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
  const w2 = walBytes();
  pollBytes += w1 - w0;
  completionBytes += w2 - w1;
  if (WAL) steps.push([w0, w1, w2]);
}

/** Page numbers of the WAL frames between two byte offsets of the WAL file (header: 32 bytes;
 * each frame: a 24-byte header, page number first, then the page). */
function framePages(fd, from, to, pageSize) {
  const pages = [];
  const header = Buffer.alloc(4);
  for (let at = Math.max(from, 32); at + 24 <= to; at += 24 + pageSize) {
    readSync(fd, header, 0, 4, at);
    pages.push(header.readUInt32BE(0));
  }
  return pages;
}

for (let i = 0; i < WARMUP; i++) await step(i);
pollBytes = completionBytes = 0;
steps.length = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = WARMUP; i < WARMUP + N; i++) await step(i);
const wall = performance.now() - t0;
const c = process.cpuUsage(c0);
// The store holds the database exclusively: read the frames' page numbers now, name them once it
// is closed (closing checkpoints the WAL into the same page numbers and deletes it).
const walFd = WAL ? openSync(join(dir, "dispatch.db-wal"), "r") : undefined;
let stepPages = [];
if (walFd !== undefined) {
  const header = Buffer.alloc(4);
  readSync(walFd, header, 0, 4, 8); // the WAL header's page size
  const size = header.readUInt32BE(0);
  stepPages = steps.map((r) => [framePages(walFd, r[0], r[1], size), framePages(walFd, r[1], r[2], size)]);
}
if (walFd !== undefined) closeSync(walFd);
await store.close();
let written = "";
if (WAL) {
  const Database = createRequire(join(ROOT, "package.json"))("better-sqlite3");
  const db = new Database(join(dir, "dispatch.db"), { readonly: true });
  const names = new Map(db.prepare("SELECT pageno, name FROM dbstat").raw(true).all());
  db.close();
  const perStep = (which) => {
    const counts = new Map();
    for (const pages of stepPages) {
      for (const p of pages[which]) {
        const name = names.get(p) ?? "(freed)";
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${fmt(n / stepPages.length, 2)}`).join(", ");
  };
  written = `  pages per step, by B-tree: Poll: ${perStep(0)}\n                             completion: ${perStep(1)}`;
}
console.log(`store step: ${machine()}`);
console.log(
  `  ${MEMORY ? "memory store" : "file store (WAL, NORMAL)"}: ${fmt((c.user + c.system) / N, 1)} us CPU per step (${fmt((wall * 1000) / N, 1)} us wall), ${N} steps after ${WARMUP}`,
);
if (WAL) console.log(`  WAL bytes per step: ${fmt(pollBytes / N, 0)} for the Poll, ${fmt(completionBytes / N, 0)} for the completion\n${written}`);
