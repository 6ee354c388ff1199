// Shared by bench/engine.bench.mjs and bench/scheduler.bench.mjs: compiles the
// benchmark programs with our transformer into a folder inside the repo (so
// that `import * as dispatch from "dispatch-ts"` resolves to dist/ by package
// self-reference), plus the small statistics both benchmarks print.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import os from "node:os";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const WORK = join(ROOT, ".cache", `bench-${process.pid}`);

/** Transforms bench/programs/<name>.ts into WORK and imports it. */
export async function loadProgram(name) {
  let transformSource;
  try {
    ({ transformSource } = await import(pathToFileURL(join(ROOT, "dist/transformer/transform-source.js")).href));
  } catch (e) {
    throw new Error(`cannot load dist/transformer/transform-source.js: run \`npx tsc -p tsconfig.build.json\` first (${e.message})`);
  }
  const file = join(ROOT, "bench/programs", `${name}.ts`);
  const t = transformSource(readFileSync(file, "utf8"), { fileName: file, root: ROOT });
  if (t.diagnostics.length > 0) throw new Error(`cannot transform ${file}: ${t.diagnostics.length} diagnostics`);
  if (!t.code.includes("$rt.enter(")) throw new Error(`cannot benchmark ${file}: the transformed module is not lowered (no $rt.enter)`);
  mkdirSync(WORK, { recursive: true });
  const out = join(WORK, `${name}.mjs`);
  writeFileSync(out, t.code);
  return import(pathToFileURL(out).href);
}

/** Removes WORK (file stores included); call it in a finally. */
export function cleanUp() {
  rmSync(WORK, { recursive: true, force: true });
}

export function warnTestModes() {
  for (const k of ["DISPATCH_NATIVE", "DISPATCH_SUSPEND_EVERY_AWAIT", "DISPATCH_TRACE"]) {
    if (process.env[k]) console.warn(`warning: ${k} is set; this is not measuring production mode`);
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};

/** Wall and process CPU time (user + system, GC threads included) of one call, in ms. */
export async function timed(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, value };
}

/**
 * Runs every task once per round, in rotating order, so that load and drift hit them alike:
 * `warmup` rounds first (not kept), then up to `rounds` kept ones, stopping early once
 * `minRounds` are kept and `budgetMs` has passed. Returns each task's samples (see `timed`).
 */
export async function rotatingRounds(tasks, { warmup, rounds, minRounds, budgetMs }) {
  const names = Object.keys(tasks);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const start = performance.now();
  let kept = 0;
  for (let round = 0; round < warmup + rounds; round++) {
    if (round >= warmup + minRounds && performance.now() - start > budgetMs) break;
    for (let j = 0; j < names.length; j++) {
      const name = names[(round + j) % names.length];
      const s = await timed(tasks[name]);
      if (round >= warmup) samples[name].push(s);
    }
    if (round >= warmup) kept++;
  }
  return { samples, rounds: kept };
}

export function machine() {
  const cpus = os.cpus();
  return `node ${process.version}, ${os.availableParallelism?.() ?? cpus.length} CPUs (${cpus[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`;
}

export const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
