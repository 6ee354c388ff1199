// Cost of the type-based diagnostics in a tspc build: the same program (the
// fixtures, the diagnostics corpus and the example, ~400 files) is built and
// emitted with the plugin's transform, once with the Program handed to the
// checker (what tspc does) and once without (only the syntactic checks, as
// transformSource), alternating, each sample on a fresh Program so that no
// type information is shared. The figure is the median process CPU time
// (user + system) of createProgram + emit; the ratio is with / without.
//
//   node bench/diagnostics.bench.mjs [--rounds=N]   (after a build)
import ts from "typescript";
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { transformFile } from "../dist/transformer/transform-file.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const hit = process.argv.find((a) => a.startsWith("--rounds="));
const ROUNDS = hit ? Number(hit.slice(9)) : 3;
const files = execFileSync("find", ["fixtures", "test/diagnostics/corpus", "examples/pipeline", "-name", "*.ts"], { cwd: ROOT, encoding: "utf8" })
  .trim()
  .split("\n")
  .map((f) => join(ROOT, f));
const options = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
  types: ["node"],
  paths: { "dispatch-ts": [join(ROOT, "dist/runtime/index.d.ts")] },
};

function sample(withChecker) {
  const start = process.cpuUsage();
  const program = ts.createProgram(files, options);
  let diagnostics = 0;
  const before = () => (sf) => {
    const r = transformFile(sf, { mode: "marked", modulePath: sf.fileName, program: withChecker ? program : undefined });
    diagnostics += r.diagnostics.length;
    return r.file;
  };
  program.emit(undefined, () => undefined, undefined, false, { before: [before] });
  const used = process.cpuUsage(start);
  if (diagnostics !== 0) throw new Error(`expected a clean build, got ${diagnostics} diagnostics`);
  return (used.user + used.system) / 1000;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
sample(true); // warm-up: JIT and the file system cache
const without = [];
const withChecker = [];
for (let i = 0; i < ROUNDS; i++) {
  if (i % 2 === 0) {
    withChecker.push(sample(true));
    without.push(sample(false));
  } else {
    without.push(sample(false));
    withChecker.push(sample(true));
  }
}
const a = median(without);
const b = median(withChecker);
console.log(`${files.length} files, ${ROUNDS} rounds, median CPU ms of createProgram + emit`);
console.log(`  syntactic checks only   ${a.toFixed(0)} ms`);
console.log(`  with type-based checks  ${b.toFixed(0)} ms   ratio ${(b / a).toFixed(2)}`);
