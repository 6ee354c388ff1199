// The program-check entry (`checkProgram`, what `tspc --noEmit` runs beside the transform) in
// process, over real Programs and TypeScript's real builder: without JavaScript emit it must add
// exactly what the transform reports at emit (the diagnostic cases, compiled both ways), through
// `program.emit` for a plain check and through the builder's per-file diagnostics for an
// incremental one, in the mode of the transform's plugin entry; with emit it must change nothing.
// test/e2e/tspc-noemit.test.ts runs the same entry inside the real tspc binary, where coverage
// cannot follow it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ts from "typescript";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COMPILER_OPTIONS, compileFiles, ROOT } from "./compile.js";
import { checkProgram } from "../../transformer/check-program.js";

const CASES = join(import.meta.dirname, "cases");
const caseFiles = readdirSync(CASES).map((f) => join(CASES, f));

// A direct eval in an async function that nothing marks: a finding only when every async function is durable.
const ALL_ASYNC_ONLY = `export async function f(code: string) {
  await null;
  return eval(code);
}
`;
const dir = join(ROOT, ".cache", `check-program-${process.pid}`);
const allAsyncFile = join(dir, "all-async-only.ts");

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(allAsyncFile, ALL_ASYNC_ONLY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** "file:line:col code" of each dispatch-ts diagnostic, sorted. */
function keys(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.source === "dispatch-ts" || (d.code >= 99000 && d.code < 100000))
    .map((d) => {
      const pos = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${d.file!.fileName}:${pos.line + 1}:${pos.character + 1} ${d.code}`;
    })
    .sort();
}

/** What the transform reports for the same files at emit (test/diagnostics/compile.ts), in the same form. */
function atEmit(files: string[], mode: "marked" | "all-async" = "marked"): string[] {
  return compileFiles(files, { mode, typeErrors: false })
    .found.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`)
    .sort();
}

function programOf(files: string[], options: ts.CompilerOptions): ts.Program {
  return ts.createProgram(files, { ...COMPILER_OPTIONS, ...options });
}

describe("checkProgram without JavaScript emit", () => {
  it("adds to --noEmit's emit result exactly what the transform reports at emit, and writes nothing", () => {
    const expected = atEmit(caseFiles);
    expect(expected.length).toBeGreaterThan(5);
    const program = checkProgram(programOf(caseFiles, { noEmit: true }), undefined);
    const written: string[] = [];
    const result = program.emit(undefined, (name) => written.push(name));
    expect(keys(result.diagnostics)).toEqual(expected);
    expect(written).toEqual([]);
  });

  it("reports for one file when the emit names one (and the library's declaration files never)", () => {
    const mixed = join(CASES, "mixed.ts");
    const program = checkProgram(programOf(caseFiles, { noEmit: true }), undefined);
    const found = keys(program.emit(program.getSourceFile(mixed)).diagnostics);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((k) => k.startsWith(`${mixed}:`))).toBe(true);
    expect(found).toEqual(atEmit(caseFiles).filter((k) => k.startsWith(`${mixed}:`)));
  });

  it("does the same under --emitDeclarationOnly, where the transform never runs", () => {
    const program = checkProgram(programOf(caseFiles, { declaration: true, emitDeclarationOnly: true }), undefined);
    const written: string[] = [];
    const result = program.emit(undefined, (name) => written.push(name));
    expect(keys(result.diagnostics)).toEqual(atEmit(caseFiles));
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((name) => name.endsWith(".d.ts"))).toBe(true);
  });

  it("checks in the mode of the transform's plugin entry, or the one it is given", () => {
    const marked = checkProgram(programOf([allAsyncFile], { noEmit: true }), undefined);
    expect(keys(marked.emit().diagnostics)).toEqual([]);
    const entry = { plugins: [{ transform: "dispatch-ts/transformer", mode: "all-async" } as unknown as ts.PluginImport] };
    const fromEntry = checkProgram(programOf([allAsyncFile], { noEmit: true, ...entry }), undefined);
    const expected = atEmit([allAsyncFile], "all-async");
    expect(expected).toEqual([`${allAsyncFile}:3:10 99001`]);
    expect(keys(fromEntry.emit().diagnostics)).toEqual(expected);
    const given = checkProgram(programOf([allAsyncFile], { noEmit: true }), undefined, { mode: "all-async" });
    expect(keys(given.emit().diagnostics)).toEqual(expected);
  });

  it("gives an incremental check's builder the findings with each file's own diagnostics, every time it asks", () => {
    const options: ts.CompilerOptions = { ...COMPILER_OPTIONS, noEmit: true, incremental: true, tsBuildInfoFile: join(dir, "check.tsbuildinfo") };
    const host = ts.createIncrementalCompilerHost(options);
    const program = checkProgram(ts.createProgram(caseFiles, options, host), undefined);
    const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram(program, host);
    const semantic = builder.getSemanticDiagnostics();
    expect(keys(semantic)).toEqual(atEmit(caseFiles));
    // The emit adds nothing under --noEmit: the builder's diagnostics already hold the findings, once.
    expect(keys(program.emit().diagnostics)).toEqual([]);
    expect(keys(builder.getSemanticDiagnostics())).toEqual(atEmit(caseFiles));
  });
});

describe("checkProgram with JavaScript emit", () => {
  it("leaves the program as it is: the transform reports at emit, so nothing is reported twice", () => {
    const program = programOf(caseFiles, {});
    const emit = program.emit;
    expect(checkProgram(program, undefined)).toBe(program);
    expect(program.emit).toBe(emit);
  });
});
