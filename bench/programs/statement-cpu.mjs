// CPU time per SQL statement of the file store, for finding where a store step goes: loaded
// with --import before any benchmark, it wraps better-sqlite3's Statement run/get/all (and so
// BEGIN and COMMIT, which its transaction wrapper runs as statements) and prints, at exit, the
// statements by total CPU time: executions, total ms, us per execution. process.cpuUsage counts
// the whole process (GC threads included) and costs about a microsecond per call, so read the
// figures as shares and compare statements with each other, not with the benchmark's totals.
//   node --import ./bench/programs/statement-cpu.mjs bench/programs/store-step.mjs --n=3000
//   node --import ./bench/programs/statement-cpu.mjs bench/scheduler.bench.mjs --only="sequence 200, file"
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "./support.mjs";

const Database = createRequire(join(ROOT, "package.json"))("better-sqlite3");
const TOP = 25;
/** Statement text (whitespace folded, first 100 characters) -> [executions, microseconds]. */
const spent = new Map();

const probe = new Database(":memory:");
const Statement = Object.getPrototypeOf(probe.prepare("SELECT 1"));
probe.close();
for (const method of ["run", "get", "all"]) {
  const original = Statement[method];
  Statement[method] = function (...params) {
    const start = process.cpuUsage();
    try {
      return original.apply(this, params);
    } finally {
      const used = process.cpuUsage(start);
      const key = this.source.replace(/\s+/g, " ").slice(0, 100);
      const entry = spent.get(key) ?? [0, 0];
      entry[0]++;
      entry[1] += used.user + used.system;
      spent.set(key, entry);
    }
  };
}

process.on("exit", () => {
  const rows = [...spent].sort((a, b) => b[1][1] - a[1][1]).slice(0, TOP);
  console.log("statements by CPU time (executions, total ms, us each):");
  for (const [sql, [n, us]] of rows) console.log(`${String(n).padStart(8)} ${(us / 1000).toFixed(1).padStart(8)} ms ${(us / n).toFixed(1).padStart(7)} us  ${sql}`);
});
