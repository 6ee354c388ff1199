// The transformer tspc runs for `{ "transform": "dispatch-ts/transformer" }` in
// compilerOptions.plugins. plugin.ts is the entry ts-patch loads; it loads this
// module against the compiler's own TypeScript (compiler-typescript.ts).
//
// Besides the JavaScript, the build writes the version manifest
// (dispatch-manifest.json, next to outDir) and checks each version pin against
// the manifest it replaces (or `previousManifest`, the deployed one).
import ts = require("typescript");
import { dirname, resolve } from "node:path";
import { transformFile } from "./transform-file.js";
import { modulePathOf } from "./transform-source.js";
import { ManifestFile, readManifestFile } from "./manifest-file.js";
import { indexFrames, type PreviousFrames } from "./record-version.js";
import { MANIFEST_FILE, type Manifest } from "../runtime/manifest/manifest.js";

export interface PluginConfig {
  mode?: "marked" | "all-async";
  /**
   * Where the version manifest is written, relative to the tsconfig's folder, or false for none.
   * Default: dispatch-manifest.json in outDir's parent folder (the tsconfig's folder without outDir).
   */
  manifest?: string | false;
  /**
   * The manifest of the deployed build, relative to the tsconfig's folder: version pins are checked
   * against it. Default: the manifest file as the previous build left it.
   */
  previousManifest?: string;
  /**
   * Whether modules without durable code register their top-level classes, functions and
   * singletons too, so that durable code can hold instances of their classes across awaits.
   * Default: true when some file of the program uses dispatch-ts; false leaves them untouched
   * (then register such classes yourself with dispatch.registerReference).
   */
  registerModules?: boolean;
}

export interface TransformerExtras {
  addDiagnostic?(diag: ts.Diagnostic): void;
  /** The compiler's own TypeScript, as ts-patch hands it to a transformer. */
  ts?: typeof ts;
}

export default function dispatchTransformer(program: ts.Program, config: PluginConfig = {}, extras?: TransformerExtras): ts.TransformerFactory<ts.SourceFile> {
  const options = program.getCompilerOptions();
  const root = options.rootDir ?? program.getCurrentDirectory();
  const base = typeof options.configFilePath === "string" ? dirname(options.configFilePath) : program.getCurrentDirectory();
  // Under --noEmit or --emitDeclarationOnly no JavaScript is transformed: the manifest stays as
  // the last build that emitted left it (tsc writes nothing either).
  const emitsJs = options.noEmit !== true && options.emitDeclarationOnly !== true;
  const output = config.manifest === false || !emitsJs ? undefined : resolve(base, config.manifest ?? (options.outDir ? resolve(options.outDir, "..", MANIFEST_FILE) : MANIFEST_FILE));
  let previous: PreviousFrames | undefined;
  let file: ManifestFile | undefined;
  try {
    const from = config.previousManifest !== undefined ? resolve(base, config.previousManifest) : output;
    const manifest: Manifest | undefined = from === undefined ? undefined : readManifestFile(from);
    previous = manifest && indexFrames(manifest.frames);
    if (output !== undefined) {
      const modules = new Set(program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf)).map((sf) => modulePathOf(sf.fileName, root)));
      file = new ManifestFile(output, manifest, modules);
    }
  } catch (e) {
    extras?.addDiagnostic?.({ category: ts.DiagnosticCategory.Error, code: 99001, file: undefined, start: undefined, length: undefined, messageText: (e as Error).message, source: "dispatch-ts" });
  }
  const registerModule = config.registerModules ?? usesDispatch(program);
  return () => (sf) => {
    const modulePath = modulePathOf(sf.fileName, root);
    const r = transformFile(sf, { mode: config.mode ?? "marked", modulePath, previous, program, registerModule });
    for (const d of r.diagnostics) extras?.addDiagnostic?.(d);
    file?.update(modulePath, r.manifest);
    return r.file;
  };
}

/** Whether some source file of the project mentions the runtime (a text search: no parse, no checker). */
function usesDispatch(program: ts.Program): boolean {
  return program.getSourceFiles().some((sf) => !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf) && (sf.text.includes("dispatch-ts") || sf.text.includes("use durable")));
}

// The program transformer that reports the diagnostics under `tspc --noEmit` (check-program.ts).
export { checkProgram } from "./check-program.js";
