// The floor under the file store on this machine: what one small SQLite
// transaction costs through better-sqlite3 with nothing of ours around it
// (a claim-like SELECT + UPDATE and an INSERT with a 200-byte blob), in the
// journal and locking modes the store could use. A sequential durable call
// costs the file store about four such transactions (see docs/BENCHMARKS.md).
//   node bench/programs/sqlite-floor.mjs [--n=3000]
import { createRequire } from "node:module";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { arg, fmt, machine, ROOT, WORK } from "./support.mjs";

const Database = createRequire(join(ROOT, "package.json"))("better-sqlite3");
const N = arg("n", 3000);
const WARMUP = 300;

const modes = {
  "memory (no file)": [],
  "WAL, synchronous=NORMAL (store default)": ["journal_mode = WAL", "synchronous = NORMAL"],
  "WAL, NORMAL, locking_mode=EXCLUSIVE": ["locking_mode = EXCLUSIVE", "journal_mode = WAL", "synchronous = NORMAL"],
  "WAL, synchronous=FULL": ["journal_mode = WAL", "synchronous = FULL"],
};

function trial(name, pragmas) {
  const dir = join(WORK, "sqlite-floor");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = new Database(pragmas.length === 0 ? ":memory:" : join(dir, "floor.db"));
  for (const p of pragmas) db.pragma(p);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, ready INTEGER, v BLOB); CREATE INDEX t_ready ON t(ready) WHERE ready IS NOT NULL");
  const insert = db.prepare("INSERT INTO t (ready, v) VALUES (?, ?)");
  const due = db.prepare("SELECT * FROM t WHERE ready <= ? ORDER BY ready, rowid LIMIT 64");
  const claim = db.prepare("UPDATE t SET ready = NULL WHERE id = ?");
  const blob = Buffer.alloc(200);
  const write = db.transaction((i) => {
    for (const r of due.all(i)) claim.run(r.id);
    insert.run(i + 1, blob);
  });
  for (let i = 0; i < WARMUP; i++) write(i);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = WARMUP; i < WARMUP + N; i++) write(i);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`  ${name.padEnd(42)} ${fmt((c.user + c.system) / N, 1).padStart(6)} us CPU per transaction (${fmt((wall * 1000) / N, 1)} us wall)`);
}

console.log(`sqlite floor: ${machine()}; ${N} transactions each`);
for (const [name, pragmas] of Object.entries(modes)) trial(name, pragmas);
rmSync(WORK, { recursive: true, force: true });
