// Conformance of transformSource(code, { mode: "all-async" }) against tc39/test262: every test
// whose body uses async functions or await runs natively (the oracle) and transformed; a test that
// passes natively must pass transformed. Not part of `npm test`: test262 is not an npm package.
// docs/CONFORMANCE.md explains the selection and the figures.
//
//   TEST262_DIR=/path/to/test262 node test/conformance/run-test262.mjs [--suspend] [--filter SUBSTR]
//     [--jobs N] [--json FILE]
//
// --suspend runs the transformed tests with DISPATCH_SUSPEND_EVERY_AWAIT=1 (state sealed and
// restored at every await); refusals (StateError) are then counted apart, as by design.
// Exit status 1 when a natively passing test fails transformed and is not a known gap
// (test262-known-gaps.mjs; under --suspend also SUSPEND_KNOWN_GAPS).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { fork, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { KNOWN_GAPS, SUSPEND_KNOWN_GAPS } from "./test262-known-gaps.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");

function fail(message) {
  console.error(`run-test262: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { suspend: false, filter: "", jobs: 2, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--suspend") options.suspend = true;
    else if (a === "--filter") options.filter = value();
    else if (a === "--json") options.json = resolve(value());
    else if (a === "--jobs") {
      options.jobs = Number(value());
      if (!Number.isInteger(options.jobs) || options.jobs < 1) fail(`--jobs must be a positive integer, got ${argv[i]}`);
    } else fail(`unknown argument ${a} (expected --suspend, --filter SUBSTR, --jobs N, --json FILE)`);
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const T262 = process.env.TEST262_DIR ? resolve(process.env.TEST262_DIR) : null;
if (!T262)
  fail(
    "TEST262_DIR is not set: point it at a checkout of https://github.com/tc39/test262 (its test/ and harness/ directories)",
  );
if (!existsSync(join(T262, "harness", "assert.js")) || !existsSync(join(T262, "test")))
  fail(`TEST262_DIR=${T262} has no harness/assert.js or test/ directory: is it a test262 checkout?`);
const transformPath = join(repo, "dist", "transformer", "transform-source.js");
const runtimePath = join(repo, "dist", "runtime", "internal.js");
if (!existsSync(transformPath) || !existsSync(runtimePath))
  fail(`${relative(process.cwd(), transformPath)} is missing: run \`npm run build\` first`);
const { transformSource } = await import(pathToFileURL(transformPath).href);
const RUNTIME_URL = pathToFileURL(runtimePath).href;
const GAPS = options.suspend ? { ...KNOWN_GAPS, ...SUSPEND_KNOWN_GAPS } : KNOWN_GAPS;
const SUSPEND_ENV = options.suspend ? { DISPATCH_SUSPEND_EVERY_AWAIT: "1" } : {};

// --- Selection -------------------------------------------------------------------------------

function walk(dir, acc) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, acc);
    // _FIXTURE files are modules other tests import, not tests.
    else if (entry.endsWith(".js") && !entry.includes("_FIXTURE")) acc.push(path);
  }
  return acc;
}

// The frontmatter between /*--- and ---*/ is YAML; the few keys used here have simple shapes.
function frontmatter(src) {
  const yaml = /\/\*---([\s\S]*?)---\*\//.exec(src)?.[1] ?? "";
  const list = (key) => {
    const inline = new RegExp(`^\\s*${key}:\\s*\\[([^\\]]*)\\]`, "m").exec(yaml);
    if (inline) return inline[1].split(",").map((s) => s.trim()).filter(Boolean);
    const block = new RegExp(`^\\s*${key}:\\s*\\n((?:\\s+-\\s*.*\\n?)+)`, "m").exec(yaml);
    if (block) return block[1].split("\n").map((s) => s.replace(/^\s*-\s*/, "").trim()).filter(Boolean);
    return [];
  };
  let negative;
  const n = /negative:\s*\n\s+(phase|type):\s*(\S+)\s*\n\s+(phase|type):\s*(\S+)/.exec(yaml);
  if (n) negative = { [n[1]]: n[2], [n[3]]: n[4] };
  return { includes: list("includes"), flags: list("flags"), features: list("features"), negative };
}

const USES_ASYNC =
  /\basync\s+function\b|\basync\s*\(|\basync\s+[\w$]+\s*=>|\basync\s+(?:get\s+|set\s+|static\s+)?[\w$#[]|\bawait\b/;
const ASYNC_GENERATOR = /\basync\s*\*|\basync\s+function\s*\*|\basync\s+(?:static\s+)?(?:get\s+|set\s+)?\*/;

// Why a test is not run, or null to run it.
function skipReason(src, meta) {
  const body = src.replace(/\/\*---[\s\S]*?---\*\//, "");
  if (!USES_ASYNC.test(body)) return "no async function or await";
  if (ASYNC_GENERATOR.test(body)) return "async generator (not lowered: stays native)";
  if (/await\s+using|\busing\s+[\w$]+\s*=/.test(body) || meta.features.includes("explicit-resource-management"))
    return "using / await using (not in Node 20)";
  if (meta.flags.includes("noStrict") || meta.flags.includes("raw")) return "sloppy-only (the output is a strict module)";
  if (/\bimport\s+(?:source|defer)\b|import\.(?:source|defer)\b/.test(body)) return "import source/defer (not in Node 20)";
  if (/\$262\b/.test(body)) return "needs $262 host hooks";
  if (meta.flags.includes("CanBlockIsFalse") || meta.flags.includes("CanBlockIsTrue")) return "agent (Atomics.wait)";
  return null;
}

// --- Building a test -------------------------------------------------------------------------

const harnessCache = new Map();
function harness(name) {
  if (!harnessCache.has(name)) harnessCache.set(name, readFileSync(join(T262, "harness", name), "utf8"));
  return harnessCache.get(name);
}

// One ES module: assert.js and sta.js, doneprintHandle.js for async tests, the test's includes,
// then the test. Native and transformed run the same text; only the transform differs.
function build(src, meta) {
  const parts = ["globalThis.print ??= (...a) => console.log(...a);", harness("assert.js"), harness("sta.js")];
  if (meta.flags.includes("async")) parts.push(harness("doneprintHandle.js"), "globalThis.$DONE = $DONE;");
  for (const name of meta.includes) parts.push(harness(name));
  parts.push(src);
  return parts.join("\n");
}

// --- Running ---------------------------------------------------------------------------------

function verdict(r, meta) {
  if (r.sig) return { pass: false, why: "timeout" };
  // The error's own line ("Name: message"), not a source line Node prints above it.
  const errLine = (r.err.match(/^\w*(?:Error|Rejection)(?::| \[)[^\n]*/m) ?? [
    r.err.split("\n").find((l) => /Error/.test(l)) ?? r.err.slice(0, 200),
  ])[0];
  if (meta.negative) {
    if (r.code !== 0 && new RegExp(`\\b${meta.negative.type}\\b`).test(r.err)) return { pass: true };
    return { pass: false, why: `negative: expected ${meta.negative.type}, got exit ${r.code} ${errLine}` };
  }
  if (r.code !== 0) return { pass: false, why: errLine.slice(0, 300) };
  if (meta.flags.includes("async")) {
    if (r.out.includes("Test262:AsyncTestComplete")) return { pass: true };
    const failure = r.out.match(/Test262:AsyncTestFailure:[^\n]*/);
    return { pass: false, why: failure ? failure[0].slice(0, 300) : "async test never called $DONE" };
  }
  return { pass: true };
}

function runAlone(file, env) {
  return new Promise((res) => {
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, DISPATCH_SUSPEND_EVERY_AWAIT: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code, sig) => {
      clearTimeout(timer);
      res({ code, sig, out, err });
    });
  });
}

class Pool {
  constructor(env) {
    this.env = env;
    this.idle = [];
  }
  start() {
    return new Promise((res) => {
      const child = fork(join(here, "test262-child.mjs"), [], {
        env: { ...process.env, DISPATCH_SUSPEND_EVERY_AWAIT: "", ...this.env },
        stdio: ["ignore", "ignore", "ignore", "ipc"],
      });
      child.uses = 0;
      child.once("message", () => res(child));
    });
  }
  async run(file, meta) {
    const child = this.idle.pop() ?? (await this.start());
    const r = await new Promise((res) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        res({ code: null, sig: "SIGKILL", out: "", err: "" });
      }, 12_000);
      child.once("message", (m) => {
        clearTimeout(timer);
        res(m);
      });
      child.send({ url: pathToFileURL(file).href, async: meta.flags.includes("async") });
    });
    // A worker is recycled now and then: tests leave globals and timers behind.
    if (r.sig || ++child.uses >= 60) child.kill();
    else this.idle.push(child);
    return r;
  }
  close() {
    for (const child of this.idle) child.kill();
  }
}

const nativePool = new Pool({});
const transformedPool = new Pool({ TEST262_PRELOAD: RUNTIME_URL, ...SUSPEND_ENV });

async function runTest(pool, file, meta, env) {
  const raw = await pool.run(file, meta);
  const v = { ...verdict(raw, meta), late: raw.late ?? [] };
  if (v.pass) return v;
  return verdict(await runAlone(file, env), meta);
}

const out = mkdtempSync(join(tmpdir(), "dispatch-test262-"));
for (const tree of ["native", "transformed"]) {
  mkdirSync(join(out, tree));
  writeFileSync(join(out, tree, "package.json"), '{"type":"module"}');
}

async function runOne(file) {
  const rel = relative(T262, file).split("\\").join("/");
  const src = readFileSync(file, "utf8");
  const meta = frontmatter(src);
  const skip = skipReason(src, meta);
  if (skip) return { rel, skip };
  const code = build(src, meta);
  const nativeFile = join(out, "native", rel.replace(/\.js$/, ".mjs"));
  const transformedFile = join(out, "transformed", rel.replace(/\.js$/, ".mjs"));
  for (const f of [nativeFile, transformedFile]) mkdirSync(dirname(f), { recursive: true });
  writeFileSync(nativeFile, code);
  // Modules a test imports sit next to it: copied as they are into both trees.
  for (const entry of readdirSync(dirname(file)))
    if (entry.includes("_FIXTURE"))
      for (const d of [dirname(nativeFile), dirname(transformedFile)])
        writeFileSync(join(d, entry), readFileSync(join(dirname(file), entry)));
  const native = await runTest(nativePool, nativeFile, meta, {});
  let transformed;
  try {
    const r = transformSource(code, { fileName: join(out, "src", rel), root: out, mode: "all-async" });
    writeFileSync(transformedFile, r.code.replaceAll('"dispatch-ts/internal"', JSON.stringify(RUNTIME_URL)));
    transformed = native.pass
      ? await runTest(transformedPool, transformedFile, meta, SUSPEND_ENV)
      : { pass: false, why: "not run: fails natively" };
  } catch (e) {
    if (meta.negative?.phase === "parse" && e instanceof SyntaxError) transformed = { pass: true };
    else transformed = { pass: false, why: "transformSource threw: " + String(e?.message ?? e).split("\n")[0].slice(0, 300) };
  }
  if (native.pass && transformed.pass && JSON.stringify(native.late ?? []) !== JSON.stringify(transformed.late ?? []))
    transformed = {
      pass: false,
      why: `late errors differ: native ${JSON.stringify(native.late)}, transformed ${JSON.stringify(transformed.late)}`,
    };
  return { rel, native: native.pass, nativeWhy: native.why, transformed: transformed.pass, why: transformed.why };
}

const files = walk(join(T262, "test"), [])
  .filter((f) => relative(T262, f).split("\\").join("/").includes(options.filter))
  .sort();
const results = [];
let next = 0;
let lastProgress = Date.now();
async function worker() {
  while (next < files.length) {
    results.push(await runOne(files[next++]));
    if (Date.now() - lastProgress > 30_000) {
      lastProgress = Date.now();
      process.stderr.write(`run-test262: ${next}/${files.length} files looked at\n`);
    }
  }
}
const started = Date.now();
try {
  await Promise.all(Array.from({ length: options.jobs }, worker));
} finally {
  nativePool.close();
  transformedPool.close();
  rmSync(out, { recursive: true, force: true });
}

// --- Summary ---------------------------------------------------------------------------------

results.sort((a, b) => (a.rel < b.rel ? -1 : 1));
const skips = {};
for (const r of results) if (r.skip) skips[r.skip] = (skips[r.skip] ?? 0) + 1;
const selected = results.filter((r) => !r.skip);
const nativePass = selected.filter((r) => r.native);
const transformedPass = nativePass.filter((r) => r.transformed);
const failures = nativePass.filter((r) => !r.transformed);
const refused = options.suspend ? failures.filter((r) => /StateError/.test(r.why ?? "")) : [];
const known = failures.filter((r) => !refused.includes(r) && r.rel in GAPS);
const unexpected = failures.filter((r) => !refused.includes(r) && !(r.rel in GAPS));
const fixedGaps = Object.keys(GAPS).filter((rel) => transformedPass.some((r) => r.rel === rel));

const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : "0.0");
console.log(`test262 at ${T262}${options.filter ? ` (filter "${options.filter}")` : ""}, mode all-async${options.suspend ? ", DISPATCH_SUSPEND_EVERY_AWAIT=1" : ""}`);
console.log(`  files:              ${results.length}`);
console.log(`  selected:           ${selected.length}`);
console.log(`  pass natively:      ${nativePass.length} (${selected.length - nativePass.length} fail natively, not counted)`);
console.log(`  pass transformed:   ${transformedPass.length} (${pct(transformedPass.length, nativePass.length)}% of those passing natively)`);
console.log(`  skipped:`);
for (const [why, n] of Object.entries(skips).sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(6)}  ${why}`);
const list = (title, rows, reason) => {
  if (!rows.length) return;
  console.log(`  ${title} (${rows.length}):`);
  for (const r of rows) console.log(`    ${r.rel}\n      ${reason(r)}`);
};
if (refused.length) console.log(`  refused in state (StateError, by design under --suspend): ${refused.length}`);
list("known gaps", known, (r) => GAPS[r.rel]);
list("UNEXPECTED failures", unexpected, (r) => r.why);
if (fixedGaps.length) console.log(`  known gaps that pass now (remove them from test262-known-gaps.mjs): ${fixedGaps.join(", ")}`);
console.log(`  took ${Math.round((Date.now() - started) / 1000)} s with --jobs ${options.jobs}`);
if (options.json) writeFileSync(options.json, JSON.stringify({ skips, results: selected }, null, 1));
process.exitCode = unexpected.length ? 1 : 0;
