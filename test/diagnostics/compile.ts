// Compiles files with the real TypeScript compiler and the dispatch-ts plugin
// (the function tspc loads, given the Program and ts-patch's addDiagnostic), in
// process, and returns the plugin's diagnostics as "file:line:col code message".
// The files live under <repo>/.cache so that `import ... from "dispatch-ts"`
// resolves to the built package by self-reference, as a user's import would.
import ts from "typescript";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import dispatchTransformer from "../../transformer/tspc-transformer.js";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Found {
  file: string;
  line: number;
  column: number;
  code: number;
  category: "error" | "warning" | "message" | "suggestion";
  message: string;
  /** The source text the diagnostic covers. */
  text: string;
}

export interface CompileOptions {
  mode?: "marked" | "all-async";
  /** Also return the compiler's own errors (default true). */
  typeErrors?: boolean;
}

/** The options of every diagnostics test program (the build's and the language service's). */
export const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  strict: true,
  skipLibCheck: true,
  // The examples folder is its own package: point its import of "dispatch-ts" at the build too.
  paths: { "dispatch-ts": [join(ROOT, "dist/runtime/index.d.ts")] },
};

/** Compiles real files (absolute paths) with the plugin; returns its diagnostics and the compiler's own errors. */
export function compileFiles(fileNames: string[], options: CompileOptions = {}): { found: Found[]; typeErrors: string[] } {
  const t0 = Date.now();
  const program = ts.createProgram(fileNames, { ...COMPILER_OPTIONS, noEmitOnError: false });
  const added: ts.Diagnostic[] = [];
  // No manifest: these builds check diagnostics, and would leave dispatch-manifest.json in the repo.
  const before = dispatchTransformer(program, { mode: options.mode ?? "marked", manifest: false }, { addDiagnostic: (d: ts.Diagnostic) => added.push(d) });
  const roots = new Set(fileNames.map((f) => resolve(f)));
  for (const sf of program.getSourceFiles()) {
    if (roots.has(resolve(sf.fileName))) program.emit(sf, () => undefined, undefined, false, { before: [before] });
  }
  if (process.env.DIAG_TIMING) console.log("compile ms", Date.now() - t0);
  const typeErrors = (options.typeErrors === false ? [] : ts.getPreEmitDiagnostics(program)).filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => {
    const f = format(d);
    return `${f.file}:${f.line}:${f.column} ${f.message}`;
  });
  return { found: added.map(format), typeErrors };
}

/** Writes `files` (relative names) into a fresh folder under .cache and compiles them. */
export function compileSources(files: Record<string, string>, options: CompileOptions = {}): { found: Found[]; typeErrors: string[] } {
  const dir = join(ROOT, ".cache", `diagnostics-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    const names = Object.entries(files).map(([name, text]) => {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    });
    const r = compileFiles(names, options);
    for (const f of r.found) f.file = relative(dir, f.file);
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function format(d: ts.Diagnostic): Found {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const sf = d.file;
  const start = d.start ?? 0;
  const pos = sf ? sf.getLineAndCharacterOfPosition(start) : { line: -1, character: -1 };
  return {
    file: sf?.fileName ?? "",
    line: pos.line + 1,
    column: pos.character + 1,
    code: d.code,
    category: (["warning", "error", "suggestion", "message"] as const)[d.category]!,
    message,
    text: sf ? sf.text.slice(start, start + (d.length ?? 0)) : "",
  };
}
