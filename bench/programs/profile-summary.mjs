// Summarizes a V8 CPU profile (node --cpu-prof) by self time: the top
// functions (name and file:line) and the top files, as shares of the samples.
// Samples taken while modules load (the transformer compiling the benchmark
// programs, TypeScript itself) are left out: they are start-up, not the run.
// The profiler samples on wall-clock ticks, so on a loaded machine a sample
// also stands for the time the process waited for a core: read shares, not ms.
//   node --cpu-prof --cpu-prof-dir=.cache/prof bench/scheduler.bench.mjs --only="sequence 1000"
//   node bench/programs/profile-summary.mjs .cache/prof/*.cpuprofile [--top=25] [--inclusive]
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "./support.mjs";

const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const top = Number(process.argv.find((a) => a.startsWith("--top="))?.slice(6) ?? 25);
if (files.length === 0) {
  console.error("usage: node bench/programs/profile-summary.mjs FILE.cpuprofile... [--top=N]");
  process.exit(2);
}

const where = (url) => {
  if (!url) return "(native)";
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path.replace(/.*\/node_modules\//, "node_modules/");
};

const byFunction = new Map();
// Inclusive time: a sample counts once for every distinct function on its stack.
const inclusive = new Map();
const byFile = new Map();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const startup = new Map();
  const isStartup = (id) => {
    if (startup.has(id)) return startup.get(id);
    const f = nodes.get(id).callFrame;
    const mine = f.url.startsWith("node:internal/modules/") || f.url.includes("/typescript/lib/") || f.url.includes("/transformer/");
    const p = parent.get(id);
    const v = mine || (p !== undefined && isStartup(p));
    startup.set(id, v);
    return v;
  };
  const deltas = profile.timeDeltas;
  // Each sample's time is the delta to the next sample.
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = deltas[i + 1] ?? 0;
    if (isStartup(profile.samples[i])) continue;
    const n = nodes.get(profile.samples[i]);
    const f = n.callFrame;
    const name = f.functionName || "(anonymous)";
    if (name === "(idle)" || name === "(program)") {
      byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
      byFile.set(name, (byFile.get(name) ?? 0) + dt);
      total += dt;
      continue;
    }
    const key = `${name}  ${where(f.url)}:${f.lineNumber + 1}`;
    const onStack = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const cf = nodes.get(id).callFrame;
      if (cf.url) onStack.add(`${cf.functionName || "(anonymous)"}  ${where(cf.url)}:${cf.lineNumber + 1}`);
    }
    for (const k of onStack) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
    const w = f.url ? where(f.url) : name === "(garbage collector)" ? name : "(native)";
    byFile.set(w, (byFile.get(w) ?? 0) + dt);
    total += dt;
  }
}
const busy = total - (byFunction.get("(idle)") ?? 0);
const show = (title, map) => {
  console.log(`${title} (% of non-idle time, ${(busy / 1000).toFixed(0)} ms non-idle of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    if (k === "(idle)") continue;
    console.log(`  ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  }
};
show("functions, self time", byFunction);
show("files, self time", byFile);
if (process.argv.includes("--inclusive")) {
  const ours = new Map([...inclusive].filter(([k]) => k.includes("dist/runtime/")));
  show("functions of dist/runtime, inclusive (callees included)", ours);
}
