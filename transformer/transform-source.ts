// transformSource: the transform without a Program, for tools (the Vite
// plugin, tests, conformance runners). TypeScript or JavaScript in, JavaScript
// (ES module) and a source map out; the same engine and ids as the tspc plugin.
import ts = require("typescript");
import { relative, isAbsolute } from "node:path";
import { transformFile } from "./transform-file.js";
import type { LoweredMeta } from "./lower-function.js";
import { indexFrames } from "./record-version.js";
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
  const diagnostics: ts.Diagnostic[] = [];
  const functions: LoweredMeta[] = [];
  const manifest: ManifestFrame[] = [];
  const previous = options.previousManifest && indexFrames(options.previousManifest.frames);
  let changed = false;
  const modulePath = modulePathOf(options.fileName, options.root ?? process.cwd());
  const out = ts.transpileModule(code, {
    fileName: options.fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: options.module ?? ts.ModuleKind.ESNext,
      sourceMap: true,
      inlineSources: true,
      useDefineForClassFields: true,
      verbatimModuleSyntax: false,
    },
    transformers: {
      before: [
        () => (sf) => {
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
  return { code: out.outputText, map: out.sourceMapText, diagnostics, functions, manifest, changed };
}

export function formatDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: ${message}`;
  }
  return message;
}
