// Cost of lowering generators and guarding classes with #private fields, against
// the same source run natively (TypeScript's own output, no transform) in the
// same process and rounds:
//  (a) for-of over a generator of N numbers;
//  (b) next(v) by hand, with a try/finally in the generator;
//  (c) new of a class with two #private fields and a public field, and a private method call.
// Figures are medians over rounds of process CPU time (user + system), ratios
// lowered / native. Speed is informative here: no goal is set for generators.
//
//   node bench/generators.bench.mjs [--rounds=N]   (after npx tsc -p tsconfig.build.json)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { types } from "node:util";
import ts from "typescript";
import { ROOT, WORK, arg, cleanUp, fmt, loadProgram, machine, median, timed, warnTestModes } from "./programs/support.mjs";

const ROUNDS = arg("rounds", 15);
const N = arg("n", 200_000);
warnTestModes();

async function loadNative() {
  const file = join(ROOT, "bench/programs/generators.ts");
  const out = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  mkdirSync(WORK, { recursive: true });
  const path = join(WORK, "generators-native.mjs");
  writeFileSync(path, out);
  return import(pathToFileURL(path).href);
}

const work = {
  "(a) for-of over a generator": (m) => {
    let s = 0;
    for (const v of m.range(N)) s += v;
    return s;
  },
  "(b) next(v) with a finally": (m) => {
    const log = [];
    const g = m.withFinally(N, log);
    let s = 0;
    for (let r = g.next(); !r.done; r = g.next(r.value % 1000 === 0 ? r.value : undefined)) s += r.value;
    return s + log.length;
  },
  "(c) new with #private fields": (m) => {
    let s = 0;
    for (let i = 0; i < N; i++) s += new m.Point(i, 1).norm();
    return s;
  },
};

try {
  const lowered = await loadProgram("generators");
  const native = await loadNative();
  if (types.isGeneratorObject(lowered.range(1)) || !types.isGeneratorObject(native.range(1))) throw new Error("range was not lowered in one and native in the other");
  for (const fn of Object.values(work)) if (fn(lowered) !== fn(native)) throw new Error("lowered and native results differ");
  const samples = Object.fromEntries(Object.keys(work).map((k) => [k, { lowered: [], native: [] }]));
  for (let round = -3; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(work)) {
      const order = round % 2 === 0 ? ["lowered", "native"] : ["native", "lowered"];
      for (const which of order) {
        const t = await timed(() => fn(which === "lowered" ? lowered : native));
        if (round >= 0) samples[name][which].push(t.cpu);
      }
    }
  }
  console.log(`generators and #private fields, N=${N}, ${ROUNDS} rounds; ${machine()}`);
  console.log("| workload | native ms | lowered ms | lowered / native |");
  console.log("|---|---|---|---|");
  for (const [name, s] of Object.entries(samples)) {
    const n = median(s.native);
    const l = median(s.lowered);
    console.log(`| ${name} | ${fmt(n)} | ${fmt(l)} | ${fmt(l / n)}x |`);
  }
} finally {
  cleanUp();
}
