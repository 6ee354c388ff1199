#!/usr/bin/env node
// Runs the fixture corpus natively: the oracle of the differential tests.
//
// For each fixture (fixtures/<group>/<case>.ts, or those whose "<group>/<case>" contains one of
// the argv filters) it strips the types with `ts.transpileModule` (module ESNext, target ES2022),
// writes the result to a temporary directory as .mjs, imports it, calls `main(log)` and starts the
// microtask ticker right after, and records every logged event, the position in the log at which
// main's promise settled, the outcome (return or throw) and any unhandled rejection. Each fixture
// runs several times (fresh module instances) and must give the same record every time.
//
// It prints one JSON line per fixture:
//   {"fixture":"try/return-crosses-finally","deterministic":true,"events":[["\"tick\"","0"],...],
//    "settledAt":12,"outcome":{"status":"return","value":"42"},"unhandled":[]}
// and a summary on stderr. Exit status 1 when a fixture fails to load, times out, leaves an
// unhandled rejection or is not deterministic.
//
//   node test/support/run-fixture-native.mjs                  # every fixture
//   node test/support/run-fixture-native.mjs try/ ticks/await # fixtures whose path contains a filter
//   options: --runs=N (default 2)  --timeout=MS (default 5000)  --quiet (only failures and summary)
//            --pretty (one readable line per event instead of JSON, trailing ticks folded)
//            --dir=PATH (another fixture root, default fixtures/)
//
// The pieces are exported (describe, transpileFixture, listFixtures, runModule) so that the
// differential harness records the transformed modes in exactly the same shape.

import { createRequire } from "node:module";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const TICKS = 60;
export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures");

// A stable, unambiguous description of a value: strings are quoted, -0, NaN, undefined and bigint
// are distinct, collections, dates, errors and class instances name their type. Accessors are
// shown, never invoked; cycles print as [Circular].
export function describe(value, seen = new Set()) {
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return String(value);
    case "symbol":
      return `Symbol(${value.description ?? ""})`;
    case "function":
      return describeFunction(value);
  }
  if (value === null) return "null";
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  try {
    return describeObject(value, seen);
  } finally {
    seen.delete(value);
  }
}

function describeFunction(fn) {
  const source = Function.prototype.toString.call(fn);
  if (/^class\b/.test(source)) return `[class ${fn.name}]`;
  const kind = Object.getPrototypeOf(fn)?.constructor?.name ?? "Function";
  return `[${kind} ${fn.name}]`;
}

function typeName(obj) {
  const proto = Object.getPrototypeOf(obj);
  if (proto === null) return "[null prototype]";
  const ctor = Object.getOwnPropertyDescriptor(proto, "constructor")?.value;
  return typeof ctor === "function" ? ctor.name : "?";
}

function ownProps(obj, seen, skip = () => false) {
  const out = [];
  for (const key of Reflect.ownKeys(obj)) {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (!d || !d.enumerable || skip(key)) continue;
    const k = typeof key === "symbol" ? `[${describe(key)}]` : key;
    if ("value" in d) out.push(`${k}: ${describe(d.value, seen)}`);
    else out.push(`${k}: [${d.get ? "Getter" : ""}${d.get && d.set ? "/" : ""}${d.set ? "Setter" : ""}]`);
  }
  return out;
}

const isIndex = (key) => typeof key === "string" && /^(0|[1-9]\d*)$/.test(key);
const tag = (obj) => Object.prototype.toString.call(obj).slice(8, -1);

function describeObject(obj, seen) {
  const name = typeName(obj);
  const t = tag(obj);
  if (Array.isArray(obj)) {
    const items = [];
    for (let i = 0; i < obj.length; i++) {
      items.push(Object.prototype.hasOwnProperty.call(obj, i) ? describe(obj[i], seen) : "<hole>");
    }
    const extra = ownProps(obj, seen, (k) => isIndex(k));
    return `${name === "Array" ? "" : name}[${[...items, ...extra].join(", ")}]`;
  }
  if (obj instanceof Error || t === "Error") {
    const parts = [`${describe(obj.name)}: ${describe(obj.message)}`];
    if (Object.prototype.hasOwnProperty.call(obj, "cause")) parts.push(`cause: ${describe(obj.cause, seen)}`);
    if (Array.isArray(obj.errors)) parts.push(`errors: ${describe(obj.errors, seen)}`);
    parts.push(...ownProps(obj, seen, (k) => k === "cause" || k === "errors" || k === "stack" || k === "message"));
    return `${name}(${parts.join(", ")})`;
  }
  if (t === "Date") {
    const time = Date.prototype.getTime.call(obj);
    return `${name}(${Number.isNaN(time) ? "Invalid Date" : Date.prototype.toISOString.call(obj)})`;
  }
  if (t === "RegExp") {
    const extra = ownProps(obj, seen, (k) => k === "lastIndex");
    return `${name}(/${obj.source}/${obj.flags}, lastIndex: ${obj.lastIndex}${extra.map((e) => `, ${e}`).join("")})`;
  }
  if (t === "Map") {
    const entries = [...Map.prototype.entries.call(obj)].map(([k, v]) => `${describe(k, seen)} => ${describe(v, seen)}`);
    return `${name}(${obj.size}){${[...entries, ...ownProps(obj, seen)].join(", ")}}`;
  }
  if (t === "Set") {
    const items = [...Set.prototype.values.call(obj)].map((v) => describe(v, seen));
    return `${name}(${obj.size}){${[...items, ...ownProps(obj, seen)].join(", ")}}`;
  }
  if (t === "ArrayBuffer" || t === "SharedArrayBuffer") {
    return `${name}[${[...new Uint8Array(obj)].join(", ")}]`;
  }
  if (t === "DataView") {
    return `${name}(offset ${obj.byteOffset}, [${[...new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength)].join(", ")}])`;
  }
  if (ArrayBuffer.isView(obj)) {
    const items = Array.from(obj, (v) => describe(v, seen));
    return `${name}[${items.join(", ")}]`;
  }
  if (t === "Promise") return `${name}{}`;
  if (t === "WeakMap" || t === "WeakSet" || t === "WeakRef") return `${name}{}`;
  if (typeof URL === "function" && obj instanceof URL) return `${name}(${obj.href})`;
  for (const [box, prim] of [
    ["Number", Number.prototype.valueOf],
    ["String", String.prototype.valueOf],
    ["Boolean", Boolean.prototype.valueOf],
    ["BigInt", BigInt.prototype.valueOf],
    ["Symbol", Symbol.prototype.valueOf],
  ]) {
    if (t === box) {
      const extra = ownProps(obj, seen, (k) => box === "String" && (isIndex(k) || k === "length"));
      return `[${name}: ${describe(prim.call(obj))}${extra.map((e) => `, ${e}`).join("")}]`;
    }
  }
  const props = ownProps(obj, seen);
  const prefix = name === "Object" ? "" : `${name} `;
  return `${prefix}{${props.join(", ")}}`;
}

// Type-strips one fixture. Syntax errors are reported, never silently emitted.
// typescript is loaded on first use: the runners that only import compiled fixtures skip its ~1 s load.
let tsModule;
function typescript() {
  tsModule ??= createRequire(import.meta.url)("typescript");
  return tsModule;
}

export function transpileFixture(source, fileName) {
  const ts = typescript();
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const text = errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ");
    throw new Error(`cannot transpile ${fileName}: ${text}`);
  }
  return out.outputText;
}

// Fixture names ("group/case") under `root`, sorted, filtered by substring.
export function listFixtures(root = FIXTURES_DIR, filters = []) {
  const names = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        names.push(relative(root, path).split(sep).join("/").replace(/\.ts$/, ""));
      }
    }
  };
  walk(root);
  names.sort();
  return filters.length === 0 ? names : names.filter((n) => filters.some((f) => n.includes(f)));
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

// Imports a module URL and runs its default export with the ticker. Returns the record of one run.
export async function runModule(url, { timeoutMs = 5000, settleMs = 25, register } = {}) {
  const events = [];
  const log = (...values) => {
    events.push(values.map((v) => describe(v)));
  };
  // The transformed modes keep `log` in frames: it is state by reference, like a module-level function.
  register?.(log);
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(describe(reason));
  process.on("unhandledRejection", onUnhandled);
  try {
    const mod = await import(url);
    if (typeof mod.default !== "function") throw new Error(`${url}: no default export function`);
    let outcome = { status: "timeout" };
    let settledAt = -1;
    let promise;
    try {
      promise = mod.default(log);
    } catch (error) {
      outcome = { status: "sync-throw", value: describe(error) };
    }
    const ticker = (async () => {
      for (let i = 0; i < TICKS; i++) {
        log("tick", i);
        await null;
      }
    })();
    if (promise !== undefined) {
      const settled = Promise.resolve(promise).then(
        (value) => {
          settledAt = events.length;
          outcome = { status: "return", value: describe(value) };
        },
        (error) => {
          settledAt = events.length;
          outcome = { status: "throw", value: describe(error) };
        },
      );
      let timer;
      const timeout = new Promise((r) => {
        timer = setTimeout(r, timeoutMs);
      });
      await Promise.race([settled, timeout]);
      clearTimeout(timer);
    }
    await ticker;
    // Let work that outlives main (race losers, detached helpers, short timers) log, and let
    // Node report unhandled rejections.
    await delay(settleMs);
    return { events, settledAt, outcome, unhandled };
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}

// A readable rendering for people: events one per line, main's settlement marked, ticks that
// only follow the last other event folded into one line.
export function prettyRecord(record) {
  if (record.error) return `== ${record.fixture}\n  ERROR ${record.error}\n`;
  const lines = [`== ${record.fixture}${record.deterministic ? "" : "  (NONDETERMINISTIC)"}`];
  const isTick = (e) => e.length === 2 && e[0] === '"tick"';
  let last = record.events.length;
  while (last > 0 && isTick(record.events[last - 1]) && last - 1 >= record.settledAt) last--;
  const settle = `  => ${record.outcome.status} ${record.outcome.value ?? ""}`;
  record.events.slice(0, last).forEach((e, i) => {
    if (i === record.settledAt) lines.push(settle);
    lines.push(`  ${e.join(" ")}`);
  });
  if (record.settledAt >= last || record.settledAt < 0) lines.push(settle);
  if (last < record.events.length) {
    const from = record.events[last][1];
    const to = record.events.at(-1)[1];
    lines.push(`  (tick ${from}..${to})`);
  }
  for (const u of record.unhandled) lines.push(`  UNHANDLED ${u}`);
  return `${lines.join("\n")}\n`;
}

async function main(argv) {
  const filters = argv.filter((a) => !a.startsWith("--"));
  const opt = (name, fallback) => {
    const hit = argv.find((a) => a.startsWith(`--${name}=`));
    return hit ? Number(hit.slice(name.length + 3)) : fallback;
  };
  const runs = opt("runs", 2);
  const timeoutMs = opt("timeout", 5000);
  const quiet = argv.includes("--quiet");
  const pretty = argv.includes("--pretty");
  const dirArg = argv.find((a) => a.startsWith("--dir="));
  const root = dirArg ? resolve(dirArg.slice("--dir=".length)) : FIXTURES_DIR;
  const names = listFixtures(root, filters);
  const work = mkdtempSync(join(tmpdir(), "dispatch-fixtures-"));
  const failures = [];
  try {
    for (const name of names) {
      const source = readFileSync(join(root, `${name}.ts`), "utf8");
      let record;
      try {
        const js = transpileFixture(source, `${name}.ts`);
        const file = join(work, `${name}.mjs`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, js);
        const results = [];
        for (let run = 1; run <= runs; run++) {
          results.push(await runModule(`${pathToFileURL(file).href}?run=${run}`, { timeoutMs }));
        }
        const first = JSON.stringify(results[0]);
        const deterministic = results.every((r) => JSON.stringify(r) === first);
        record = { fixture: name, deterministic, ...results[0] };
        if (!deterministic) record.otherRuns = results.slice(1);
        const problems = [];
        if (!deterministic) problems.push("nondeterministic");
        if (record.outcome.status === "timeout") problems.push("timeout");
        if (record.outcome.status === "sync-throw") problems.push("main threw synchronously");
        if (record.unhandled.length > 0) problems.push("unhandled rejection");
        if (problems.length > 0) failures.push(`${name}: ${problems.join(", ")}`);
      } catch (error) {
        record = { fixture: name, error: String(error?.stack ?? error) };
        failures.push(`${name}: ${error?.message ?? error}`);
      }
      if (!quiet || failures.at(-1)?.startsWith(`${name}:`)) {
        process.stdout.write(pretty ? prettyRecord(record) : `${JSON.stringify(record)}\n`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(`${names.length} fixtures, ${runs} runs each: ${failures.length} failing\n`);
  for (const f of failures) process.stderr.write(`  ${f}\n`);
  return failures.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(2);
    },
  );
}
