// transformSource: the transform without a Program, for tools (the Vite
// plugin, tests, conformance runners). TypeScript or JavaScript in, JavaScript
// (ES module) and a source map out; the same engine and ids as the tspc plugin.
import ts = require("typescript");
import { relative, isAbsolute } from "node:path";
import { transformFile } from "./transform-file.js";
import type { LoweredMeta } from "./lower-function.js";
import { indexFrames } from "./record-version.js";
import { findEarlyError } from "./early-errors.js";
import type { Manifest, ManifestFrame } from "../runtime/manifest/manifest.js";

export interface TransformSourceOptions {
  fileName: string;
  /** "marked" (default): dispatch.function / dispatch.durable / "use durable"; "all-async": every async function. */
  mode?: "marked" | "all-async";
  /** Root that frame ids are relative to (default: process.cwd()). */
  root?: string;
  /** Module format of the output (default: ESNext). */
  module?: ts.ModuleKind;
  /** The previous build's manifest: a version pin over a layout change is a diagnostic. */
  previousManifest?: Manifest;
  /**
   * Whether a module without durable code registers its top-level bindings (as the tspc plugin
   * does in a project that uses dispatch-ts), so that instances of its classes can be held across
   * durable awaits. Default: false.
   */
  registerModule?: boolean;
}

export interface TransformSourceResult {
  code: string;
  map: string | undefined;
  diagnostics: ts.Diagnostic[];
  functions: LoweredMeta[];
  /** The file's records for the version manifest (serializeManifest writes them). */
  manifest: ManifestFrame[];
  /** Whether the transform changed the file (durable code lowered, or its bindings registered). */
  changed: boolean;
}

// Tools that build with transformSource write the manifest from the files' records.
export { MANIFEST_FILE, parseManifest, serializeManifest } from "../runtime/manifest/manifest.js";
export type { Manifest, ManifestFrame } from "../runtime/manifest/manifest.js";

export function modulePathOf(fileName: string, root: string): string {
  const rel = isAbsolute(fileName) ? relative(root, fileName) : fileName;
  return rel.split("\\").join("/");
}

export function transformSource(code: string, options: TransformSourceOptions): TransformSourceResult {
  const moduleKind = options.module ?? ts.ModuleKind.ESNext;
  // Output with durable code is an ES module (it imports the runtime), so the input is read as one
  // even without import or export: otherwise `await [x]` at the top level parses as an element
  // access of a variable named await. A file with nothing to lower is read again by its own
  // syntax, so that a script stays a script (TypeScript would make it a module with `export {}`),
  // unless it awaits at its top level: only a module can.
  if (!isEsModule(moduleKind)) return transpile(code, options, moduleKind, undefined).result;
  let asModule: Transpiled;
  try {
    asModule = transpile(code, options, moduleKind, ts.ModuleDetectionKind.Force);
  } catch (error) {
    // Valid only as a script (`await` as a name, say): fine while nothing makes it a module.
    if (!(error instanceof SyntaxError)) throw error;
    const asScript = transpile(code, options, moduleKind, undefined).result;
    if (asScript.changed) throw error;
    return asScript;
  }
  // A file with import or export reads the same either way: only a script is read again.
  if (asModule.result.changed || asModule.moduleSyntax) return asModule.result;
  return transpile(code, options, moduleKind, undefined).result;
}

interface Transpiled {
  result: TransformSourceResult;
  /** Whether the file can only be a module: import, export, or an await outside any function. */
  moduleSyntax: boolean;
}

function transpile(code: string, options: TransformSourceOptions, moduleKind: ts.ModuleKind, detection: ts.ModuleDetectionKind | undefined): Transpiled {
  const diagnostics: ts.Diagnostic[] = [];
  const functions: LoweredMeta[] = [];
  const manifest: ManifestFrame[] = [];
  const previous = options.previousManifest && indexFrames(options.previousManifest.frames);
  let changed = false;
  let early: ts.Diagnostic | undefined;
  let moduleSyntax = false;
  const modulePath = modulePathOf(options.fileName, options.root ?? process.cwd());
  const out = ts.transpileModule(code, {
    fileName: options.fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: moduleKind,
      // (TypeScript refuses the option when it is present and undefined.)
      ...(detection !== undefined ? { moduleDetection: detection } : {}),
      sourceMap: true,
      inlineSources: true,
      useDefineForClassFields: true,
      verbatimModuleSyntax: false,
      // Never inject "use strict" (issue 3): a sloppy script stays sloppy (a module's output keeps
      // its own strictness; ES module output is strict by itself). TypeScript 6 deprecates the
      // option's `false` and asks for the waiver; TypeScript 7 will need another way.
      alwaysStrict: false,
      ignoreDeprecations: "6.0",
    },
    transformers: {
      before: [
        () => (sf) => {
          moduleSyntax = sf.statements.some(isImportOrExport) || hasTopLevelAwait(sf);
          const e = findEarlyError(sf);
          if (e !== undefined) {
            early = { category: ts.DiagnosticCategory.Error, code: 1005, file: sf, start: e.node.getStart(sf), length: e.node.getWidth(sf), messageText: e.message };
            return sf;
          }
          const r = transformFile(sf, { mode: options.mode ?? "marked", modulePath, previous, registerModule: options.registerModule });
          changed = r.file !== sf;
          diagnostics.push(...r.diagnostics);
          functions.push(...r.functions);
          manifest.push(...r.manifest);
          return r.file;
        },
      ],
    },
  });
  const syntax = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax.length > 0) throw new SyntaxError(formatDiagnostic(syntax[0]!));
  if (early !== undefined) throw new SyntaxError(formatDiagnostic(early));
  return { result: { code: out.outputText, map: out.sourceMapText, diagnostics, functions, manifest, changed }, moduleSyntax };
}

function isImportOrExport(s: ts.Statement): boolean {
  if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s)) return true;
  if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) return true;
  return hasExport(s);
}

function hasExport(s: ts.Statement): boolean {
  return ts.canHaveModifiers(s) && (ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

function hasTopLevelAwait(node: ts.Node): boolean {
  return (
    ts.forEachChild(node, (child) => {
      if (ts.isFunctionLike(child) || ts.isClassStaticBlockDeclaration(child)) return false;
      if (ts.isAwaitExpression(child) || (ts.isForOfStatement(child) && child.awaitModifier !== undefined)) return true;
      return hasTopLevelAwait(child) || undefined;
    }) === true
  );
}

function isEsModule(kind: ts.ModuleKind): boolean {
  return kind >= ts.ModuleKind.ES2015 && kind <= ts.ModuleKind.ESNext;
}

export function formatDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: ${message}`;
  }
  return message;
}
