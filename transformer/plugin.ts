// The ts-patch plugin: `{ "transform": "dispatch-ts/transformer" }` in
// compilerOptions.plugins, built with `tspc`. ts-patch on Node 20 loads only
// compiled JavaScript, so this file ships as dist/transformer/plugin.js.
//
// This entry imports none of the transformer: the first call loads it against
// the TypeScript that ts-patch hands over, the compiler's own
// (compiler-typescript.ts). tspc-transformer.ts is the transformer itself; the
// build bundles it with its ~60 modules into tspc-transformer.bundle.js (`npm run
// bundle:tspc`), which loads in a third of the CPU of the separate ES modules
// (bench/plugin-load.bench.mjs).
import type ts = require("typescript");
import { requireWithTypeScript } from "./compiler-typescript.js";
import type { PluginConfig, TransformerExtras } from "./tspc-transformer.js";
import type { CheckMode } from "./diagnostics/check-source-file.js";

export type { PluginConfig, TransformerExtras };

type Transformer = typeof import("./tspc-transformer.js");
const transformer = (compiler: typeof ts | undefined): Transformer => requireWithTypeScript<Transformer>("./tspc-transformer.bundle.js", compiler);

export default function dispatchTransformer(program: ts.Program, config: PluginConfig = {}, extras?: TransformerExtras): ts.TransformerFactory<ts.SourceFile> {
  return transformer(extras?.ts).default(program, config, extras);
}

/** The program transformer that reports the diagnostics under `tspc --noEmit` (check-program.ts). */
export function checkProgram(program: ts.Program, host: ts.CompilerHost | undefined, config: { mode?: CheckMode } = {}, extras?: { ts?: typeof ts }): ts.Program {
  return transformer(extras?.ts).checkProgram(program, host, config);
}
