// Speed of the lowering (issue 3, "Speed"): await-heavy loops run three ways
// in one process and one run, so the ratios share the machine's state:
//   native       the source as is (V8's own async functions)
//   transformed  our transformer (dist/transformer/transform-source.js, so build first)
//   regenerator  Babel's @babel/plugin-transform-regenerator output of the same source
// Goal: transformed <= 1.3x native and faster than regenerator.
//
// Method: every variant's result is checked against native first; then, per
// workload, the variants are measured round-robin (so drift and noise hit all
// of them alike), each sample one call of N loop iterations, after warm-up
// rounds. The figure per variant is the median sample; ratios are medians over
// native. Samples are process CPU time (user + system, GC threads included),
// because our 2-core machines are shared and wall time then mostly measures
// the wait for a core; wall-time ratios are printed too.
// No forced GC between samples (even with --expose-gc): a full GC frees the
// hidden classes of dead frames and clears the inline caches that point at
// them, which made the transformed code look 5x slower than it runs.
//
//   npm run bench                          # builds, then every bench/*.bench.mjs
//   node bench/transformer.bench.mjs [--rounds=N] [--n=N] [--budget=MS] (after a build)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import os from "node:os";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(ROOT, "bench/fixtures-bench/await-loops.js");
// Inside the repo, so that `dispatch-ts/internal` in the transformed module resolves to dist/ by self-reference.
const WORK = join(ROOT, ".cache/bench");
const WORKLOADS = ["ordinaryAwaits", "helperAwaits", "closuresInLoop", "suspendingHelperAwaits"];
// Measured and printed, but not part of issue 3's goal (which names the three above).
const INFORMATIONAL = new Set(["suspendingHelperAwaits"]);
const VARIANTS = ["native", "transformed", "regenerator"];

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const N = arg("n", 10_000);
const WARMUP = arg("warmup", 10);
const ROUNDS = arg("rounds", 60);
// Bounds the whole run (< 60 s with the build of the variants): a workload
// stops adding rounds after its budget, keeping at least MIN_ROUNDS samples.
const BUDGET_MS = arg("budget", 15_000);
const MIN_ROUNDS = 7;

for (const k of ["DISPATCH_NATIVE", "DISPATCH_SUSPEND_EVERY_AWAIT", "DISPATCH_TRACE"]) {
  if (process.env[k]) console.warn(`warning: ${k} is set; the transformed variant is not measuring production mode`);
}

async function buildVariants() {
  const source = readFileSync(SOURCE, "utf8");
  let transformSource;
  try {
    ({ transformSource } = await import(pathToFileURL(join(ROOT, "dist/transformer/transform-source.js")).href));
  } catch (e) {
    throw new Error(`cannot load dist/transformer/transform-source.js: run \`npm run build\` first (${e.message})`);
  }
  const t = transformSource(source, { fileName: SOURCE, root: ROOT });
  if (t.diagnostics.length > 0) throw new Error(`cannot transform ${SOURCE}: ${t.diagnostics.length} diagnostics`);
  if (!t.code.includes("$rt.enter(")) throw new Error("the transformed variant is not lowered (no $rt.enter)");
  const require = createRequire(join(ROOT, "package.json"));
  const babel = require("@babel/core");
  // The plugin's default options lower async functions too (its own async
  // helper over the regenerator state machine); helpers are inlined in the file.
  const regen = babel.transformSync(source, {
    configFile: false,
    babelrc: false,
    sourceType: "module",
    plugins: [require.resolve("@babel/plugin-transform-regenerator")],
  });
  if (/\basync function\b/.test(regen.code)) throw new Error("the regenerator variant still contains async functions");
  mkdirSync(WORK, { recursive: true });
  const files = { native: source, transformed: t.code, regenerator: regen.code };
  const modules = {};
  for (const v of VARIANTS) {
    const file = join(WORK, `await-loops.${v}.mjs`);
    writeFileSync(file, files[v]);
    modules[v] = await import(pathToFileURL(file).href);
  }
  return modules;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function sample(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn(N);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

async function measure(modules, workload) {
  const expected = await modules.native[workload](N);
  for (const v of VARIANTS) {
    const got = await modules[v][workload](N);
    if (got !== expected) throw new Error(`${v} ${workload}(${N}) returned ${got}, native ${expected}`);
  }
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, { cpu: [], wall: [] }]));
  const start = performance.now();
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    if (round >= WARMUP + MIN_ROUNDS && performance.now() - start > BUDGET_MS) break;
    // Rotate the order so that no variant always runs right after another.
    for (let j = 0; j < VARIANTS.length; j++) {
      const v = VARIANTS[(round + j) % VARIANTS.length];
      const s = await sample(modules[v][workload]);
      if (round >= WARMUP) {
        samples[v].cpu.push(s.cpu);
        samples[v].wall.push(s.wall);
      }
    }
  }
  const pick = (k) => Object.fromEntries(VARIANTS.map((v) => [v, median(samples[v][k])]));
  return { rounds: samples.native.cpu.length, cpu: pick("cpu"), wall: pick("wall") };
}

const started = performance.now();
const modules = await buildVariants();
console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} x${os.cpus().length}, ${os.platform()} ${os.release()}`);
console.log(`${N} iterations per call, ${WARMUP} warm-up + up to ${ROUNDS} measured rounds (${BUDGET_MS / 1000} s per workload), median per variant, ratios of CPU time (wall time in parentheses)`);
console.log("");
const pad = (s, n) => String(s).padEnd(n);
const x = (r) => `${r.toFixed(2)}x`;
console.log(`${pad("workload", 24)}${pad("rounds", 8)}${pad("native cpu ms", 15)}${pad("transformed", 20)}${pad("regenerator", 20)}transformed / regenerator`);
const table = [];
for (const w of WORKLOADS) {
  const m = await measure(modules, w);
  const row = { workload: w, rounds: m.rounds, nativeCpuMs: m.cpu.native, nativeWallMs: m.wall.native };
  for (const v of ["transformed", "regenerator"]) row[v] = { cpu: m.cpu[v] / m.cpu.native, wall: m.wall[v] / m.wall.native };
  row.transformedVsRegenerator = m.cpu.transformed / m.cpu.regenerator;
  table.push(row);
  const flags = INFORMATIONAL.has(w)
    ? "  (not a goal workload)"
    : `${row.transformed.cpu <= 1.3 ? "" : "  over the 1.3x goal"}${row.transformedVsRegenerator < 1 ? "" : "  not faster than regenerator"}`;
  console.log(
    `${pad(w, 24)}${pad(m.rounds, 8)}${pad(m.cpu.native.toFixed(2), 15)}` +
      `${pad(`${x(row.transformed.cpu)} (${x(row.transformed.wall)})`, 20)}${pad(`${x(row.regenerator.cpu)} (${x(row.regenerator.wall)})`, 20)}` +
      `${x(row.transformedVsRegenerator)}${flags}`,
  );
}
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ node: process.version, n: N, table }, null, 2));
