// The ts-patch plugin: `{ "transform": "dispatch-ts/transformer" }` in
// compilerOptions.plugins, built with `tspc`. ts-patch on Node 20 loads only
// compiled JavaScript, so this file ships as dist/transformer/plugin.js.
import ts from "typescript";
import { transformFile } from "./transform-file.js";
import { modulePathOf } from "./transform-source.js";

export interface PluginConfig {
  mode?: "marked" | "all-async";
}

interface TransformerExtras {
  addDiagnostic?(diag: ts.Diagnostic): void;
}

export default function dispatchTransformer(program: ts.Program, config: PluginConfig = {}, extras?: TransformerExtras): ts.TransformerFactory<ts.SourceFile> {
  const options = program.getCompilerOptions();
  const root = options.rootDir ?? program.getCurrentDirectory();
  return () => (sf) => {
    const r = transformFile(sf, { mode: config.mode ?? "marked", modulePath: modulePathOf(sf.fileName, root), program });
    for (const d of r.diagnostics) extras?.addDiagnostic?.(d);
    return r.file;
  };
}
