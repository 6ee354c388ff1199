// Build speed with the plugin (issue 5, "Speed"): a generated project of 200
// TypeScript files compiled three ways, in one run, in alternating rounds:
//   tsc            plain TypeScript, no plugin (the baseline)
//   tspc           ts-patch's compiler with no plugin (what ts-patch itself costs)
//   tspc+plugin    ts-patch with { "transform": "dispatch-ts/transformer" }
// Goal: tspc+plugin <= 1.3x tsc.
//
// The project is realistic durable code: a third of the modules hold
// dispatch.function bodies and "use durable" helpers that await in loops, in
// try/catch/finally and in destructuring; the rest are plain modules (types,
// classes, sync functions) that the durable ones import. Every variant emits
// (the transformer runs at emit) to its own out dir, from its own tsconfig.
//
// Figures are medians of the compiler process's CPU time (user + system, read
// by a preload at exit), since our 2-core machines are shared and wall time
// mostly measures the wait for a core; wall-time medians are printed too.
//
//   node bench/build.bench.mjs [--rounds=N] [--files=N] [--durable-every=N]   (after npm run build)
//   BENCH_BUILD_DIR=name: generate and compile under .cache/name (default bench-build)
//   BENCH_BASE_PLUGIN=path/to/dist/transformer/plugin.js: a fourth variant, tspc with another
//     build of the plugin (a copy of dist/ from the base commit), so that a change is measured
//     against its base in the same run, under the same load
//   --durable-every=N: one module in N is durable (default 3); a real project has fewer
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import os from "node:os";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// BENCH_BUILD_DIR: another folder under .cache, so that runs can go side by side.
const WORK = join(ROOT, ".cache", process.env.BENCH_BUILD_DIR ?? "bench-build");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const TSPC = join(ROOT, "node_modules/ts-patch/bin/tspc.js");

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const FILES = arg("files", 200);
const ROUNDS = arg("rounds", 5);
const DURABLE_EVERY = arg("durable-every", 3);
const BASE_PLUGIN = process.env.BENCH_BASE_PLUGIN ? resolve(process.env.BENCH_BASE_PLUGIN) : undefined;

if (!existsSync(join(ROOT, "dist/transformer/plugin.js"))) throw new Error("dist/transformer/plugin.js is missing: run `npm run build` first");

// ---- the generated project -------------------------------------------------

function plainModule(i) {
  return `// plain module ${i}: types, a class and sync helpers (no durable code)
export interface Item${i} { id: string; qty: number; price: number; tags: string[] }
export type Status${i} = "new" | "paid" | "shipped" | { failed: string };

export class Ledger${i} {
  private entries = new Map<string, number>();
  add(key: string, amount: number): this {
    this.entries.set(key, (this.entries.get(key) ?? 0) + amount);
    return this;
  }
  total(): number {
    let sum = 0;
    for (const v of this.entries.values()) sum += v;
    return sum;
  }
  keys(): string[] {
    return [...this.entries.keys()].sort();
  }
}

export function normalize${i}(items: readonly Item${i}[]): Item${i}[] {
  return items
    .filter((it) => it.qty > 0)
    .map((it) => ({ ...it, tags: it.tags.map((t) => t.toLowerCase()) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function describe${i}(s: Status${i}): string {
  if (typeof s === "string") return s.toUpperCase();
  return \`failed: \${s.failed}\`;
}

export const limits${i} = { maxItems: ${10 + i}, maxTotal: ${1000 * (i + 1)} } as const;
`;
}

function durableModule(i, plainIndex) {
  const p = plainIndex;
  return `// durable module ${i}: scheduled functions and helpers that await in loops and try
import * as dispatch from "dispatch-ts";
import { Ledger${p}, normalize${p}, limits${p}, type Item${p} } from "./plain${p}.js";

export const fetchPrice${i} = dispatch.function(async function fetchPrice${i}(id: string): Promise<number> {
  return id.length * ${i + 1};
});

export const reserve${i} = dispatch.function(async function reserve${i}(item: Item${p}): Promise<{ ok: boolean; note: string }> {
  if (item.qty > limits${p}.maxItems) return { ok: false, note: "too many" };
  return { ok: true, note: \`reserved \${item.id}\` };
});

export const order${i} = dispatch.function(async function order${i}(items: Item${p}[]): Promise<{ total: number; notes: string[] }> {
  const ledger = new Ledger${p}();
  const notes: string[] = [];
  for (const item of normalize${p}(items)) {
    try {
      const price = await fetchPrice${i}(item.id);
      const { ok, note } = await reserve${i}(item);
      if (!ok) {
        notes.push(note);
        continue;
      }
      ledger.add(item.id, price * item.qty);
    } catch (e) {
      notes.push(\`failed \${item.id}: \${(e as Error).message}\`);
    } finally {
      notes.push(\`seen \${item.id}\`);
    }
  }
  let retries = 0;
  while (ledger.total() > limits${p}.maxTotal && retries < 3) {
    retries++;
    await dispatch.sleep("1s");
  }
  return { total: ledger.total(), notes };
});

export const batch${i} = dispatch.function(async function batch${i}(groups: Item${p}[][]): Promise<number[]> {
  const totals: number[] = [];
  for (let g = 0; g < groups.length; g++) {
    const r = await order${i}(groups[g]!);
    totals.push(r.total + (await fetchPrice${i}(\`group-\${g}\`)));
  }
  return totals;
});
`;
}

function helperModule(i) {
  return `"use durable";
// durable helpers ${i}: every async function of this file is lowered
export async function retry${i}<T>(attempt: () => Promise<T>, times: number): Promise<T> {
  let last: unknown;
  for (let n = 0; n < times; n++) {
    try {
      return await attempt();
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

export async function sumAll${i}(xs: number[], step: (x: number) => Promise<number>): Promise<number> {
  let sum = 0;
  for (const x of xs) {
    const [a, b] = [await step(x), await step(x + 1)];
    sum += a * b;
  }
  return sum;
}

export function label${i}(x: number): string {
  return \`#\${x}\`;
}
`;
}

function generate() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, "src"), { recursive: true });
  mkdirSync(join(WORK, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(WORK, "node_modules/dispatch-ts"), "dir");
  writeFileSync(join(WORK, "package.json"), JSON.stringify({ name: "bench-build", private: true, type: "module" }));
  let durable = 0;
  let plain = 0;
  for (let i = 0; i < FILES; i++) {
    // Two plain modules for one durable (by default): order, then helpers.
    if (i % DURABLE_EVERY === DURABLE_EVERY - 1) {
      const n = durable++;
      const text = n % 2 === 0 ? durableModule(n, Math.max(0, plain - 1)) : helperModule(n);
      writeFileSync(join(WORK, "src", `durable${n}.ts`), text);
    } else writeFileSync(join(WORK, "src", `plain${plain++}.ts`), plainModule(plain - 1));
  }
  const base = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: true,
    declaration: true,
    types: ["node"],
    rootDir: "src",
  };
  const configs = {
    tsc: { ...base, outDir: "out-tsc" },
    tspc: { ...base, outDir: "out-tspc" },
    "tspc+plugin": { ...base, outDir: "out-plugin", plugins: [{ transform: "dispatch-ts/transformer" }] },
  };
  if (BASE_PLUGIN) configs["tspc+base"] = { ...base, outDir: "out-base", plugins: [{ transform: BASE_PLUGIN }] };
  for (const [name, compilerOptions] of Object.entries(configs)) {
    writeFileSync(join(WORK, `tsconfig.${name.replace("+", "-")}.json`), JSON.stringify({ compilerOptions, include: ["src"] }, null, 2));
  }
  // Preloaded into each compiler: reports its own CPU time when it exits.
  writeFileSync(
    join(WORK, "cpu.cjs"),
    `process.on("exit", () => { const u = process.cpuUsage(); require("node:fs").writeFileSync(process.env.BENCH_CPU_FILE, String((u.user + u.system) / 1000)); });\n`,
  );
  return { durable, plain };
}

// ---- measuring -------------------------------------------------------------

const VARIANTS = {
  tsc: [TSC, "-p", "tsconfig.tsc.json"],
  tspc: [TSPC, "-p", "tsconfig.tspc.json"],
  "tspc+plugin": [TSPC, "-p", "tsconfig.tspc-plugin.json"],
};
if (BASE_PLUGIN) VARIANTS["tspc+base"] = [TSPC, "-p", "tsconfig.tspc-base.json"];

function compile(variant) {
  const cpuFile = join(WORK, `cpu-${variant.replace("+", "-")}.txt`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", join(WORK, "cpu.cjs"), ...VARIANTS[variant]], {
    cwd: WORK,
    env: { ...process.env, BENCH_CPU_FILE: cpuFile },
    encoding: "utf8",
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${variant} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return { cpu: Number(readFileSync(cpuFile, "utf8")), wall };
}

function check() {
  const lowered = readFileSync(join(WORK, "out-plugin/durable0.js"), "utf8");
  const plain = readFileSync(join(WORK, "out-tsc/durable0.js"), "utf8");
  if (!lowered.includes("$rt.enter(") || plain.includes("$rt.enter(")) throw new Error("the plugin variant is not lowered, or the plain one is");
  // A module without durable code only registers its top-level bindings (module-refs.ts): without
  // the runtime import, the module handle and the $m.refs(...) lines it is tsc's output.
  const registration = /^(import \* as \$rt from "dispatch-ts\/internal";|const \$m = \$rt\.module\(.*\);|\$m\.refs\(.*\);)$/;
  const untouched = readFileSync(join(WORK, "out-plugin/plain0.js"), "utf8");
  if (!untouched.includes("$m.refs(")) throw new Error("a module without durable code does not register its bindings");
  const rest = untouched.split("\n").filter((l) => !registration.test(l)).join("\n");
  if (rest !== readFileSync(join(WORK, "out-tsc/plain0.js"), "utf8")) throw new Error("the plugin changed a module without durable code beyond registering its bindings");
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const counts = generate();
console.log(`build: ${FILES} files (${counts.durable} durable, ${counts.plain} plain), ${ROUNDS} rounds${BASE_PLUGIN ? `, base plugin ${BASE_PLUGIN}` : ""}, node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg()[0].toFixed(1)}`);
// Warm-up: the first compile of each variant also fills the OS file cache.
for (const v of Object.keys(VARIANTS)) compile(v);
check();
const samples = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, []]));
const order = Object.keys(VARIANTS);
for (let round = 0; round < ROUNDS; round++) {
  // Rotating order, so drift of the machine's load hits every variant alike.
  for (let k = 0; k < order.length; k++) {
    const v = order[(round + k) % order.length];
    samples[v].push(compile(v));
  }
}
const base = { cpu: median(samples.tsc.map((s) => s.cpu)), wall: median(samples.tsc.map((s) => s.wall)) };
const rows = [];
for (const v of order) {
  const cpu = median(samples[v].map((s) => s.cpu));
  const wall = median(samples[v].map((s) => s.wall));
  rows.push({ variant: v, cpuMs: Math.round(cpu), wallMs: Math.round(wall), cpuRatio: cpu / base.cpu, wallRatio: wall / base.wall });
  console.log(`${v.padEnd(12)} cpu ${String(Math.round(cpu)).padStart(6)} ms  ${(cpu / base.cpu).toFixed(2)}x   (wall ${Math.round(wall)} ms, ${(wall / base.wall).toFixed(2)}x)`);
}
const plugin = rows.find((r) => r.variant === "tspc+plugin");
const patched = rows.find((r) => r.variant === "tspc");
console.log(`tspc+plugin / tsc: ${plugin.cpuRatio.toFixed(2)}x CPU (goal <= 1.3x); the plugin alone (tspc+plugin / tspc): ${(plugin.cpuMs / patched.cpuMs).toFixed(2)}x`);
const based = rows.find((r) => r.variant === "tspc+base");
if (based) console.log(`tspc+plugin / tspc+base: ${(plugin.cpuMs / based.cpuMs).toFixed(3)}x CPU; the plugin's own cost (minus tspc): ${plugin.cpuMs - patched.cpuMs} ms against ${based.cpuMs - patched.cpuMs} ms`);
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ files: FILES, ...counts, rounds: ROUNDS, rows }, null, 2));
