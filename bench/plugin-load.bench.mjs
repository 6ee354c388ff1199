// What loading the tspc plugin costs a build (issue 5, "Speed"): the CPU time of
// `require("dist/transformer/plugin.js")` in a fresh process that has loaded TypeScript
// already (as tspc has when it loads a plugin: ts-patch requires typescript itself first),
// so the figure is the plugin's own module graph: reading, compiling and linking its ES modules
// and running their top levels. ts-patch loads the plugin with require() (Node's require of
// ES modules), so that is what is timed. Since the ninth session the entry loads the
// transformer at its first call, against the compiler's TypeScript (compiler-typescript.ts):
// the child does that load too, with the instance it has, so the figure stays the whole graph.
//
//   node bench/plugin-load.bench.mjs [--runs=N] [other/plugin.js ...]   (after npm run build)
//
// Other plugin builds given as arguments (a copy of dist/ from a base commit, a bundled build)
// are loaded in the same run, alternating with dist's, and printed as ratios to it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 9);
const plugins = [join(ROOT, "dist/transformer/plugin.js"), ...process.argv.slice(2).filter((a) => !a.startsWith("--")).map((p) => resolve(p))];
for (const p of plugins) if (!existsSync(p)) throw new Error(`${p} is missing${p.startsWith(join(ROOT, "dist")) ? ": run `npm run build` first" : ""}`);

// The child resolves typescript from the repository (createRequire at ROOT), then times only the plugin.
const child = `
const { createRequire } = require("node:module");
const { existsSync } = require("node:fs");
const { dirname, join } = require("node:path");
const ts = createRequire(${JSON.stringify(join(ROOT, "package.json"))})("typescript");
const here = dirname(process.argv[1]);
const t = process.cpuUsage();
require(process.argv[1]);
// What the entry's first call loads (builds from before the ninth session have no such step).
if (existsSync(join(here, "compiler-typescript.js"))) {
  const transformer = existsSync(join(here, "tspc-transformer.bundle.js")) ? "./tspc-transformer.bundle.js" : "./tspc-transformer.js";
  require(join(here, "compiler-typescript.js")).requireWithTypeScript(transformer, ts);
}
const c = process.cpuUsage(t);
process.stdout.write(String((c.user + c.system) / 1000));
`;

function loadCpu(plugin) {
  const r = spawnSync(process.execPath, ["-e", child, plugin], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`loading ${plugin} failed (${r.status}):\n${r.stderr}`);
  return Number(r.stdout);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`plugin load: ${runs} fresh processes per build, alternating, node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg()[0].toFixed(1)}`);
for (const p of plugins) loadCpu(p); // warm-up: fills the OS file cache
const samples = plugins.map(() => []);
for (let i = 0; i < runs; i++) plugins.forEach((p, k) => samples[k].push(loadCpu(p)));
const base = median(samples[0]);
plugins.forEach((p, k) => {
  const m = median(samples[k]);
  console.log(`${String(Math.round(m)).padStart(5)} ms CPU (median; min ${Math.round(Math.min(...samples[k]))})  ${(m / base).toFixed(2)}x  ${p}`);
});
