// The Vite plugin (`dispatch-ts/vite`): vitest builds through Vite, so users'
// tests run their durable code transformed, with the same engine, ids and
// versions as tspc. Only files that mention the runtime or "use durable" are
// transformed; everything else is left to Vite.
import { transformSource } from "./transform-source.js";
import { formatDiagnostic } from "./transform-source.js";

export interface DispatchVitePluginOptions {
  /** Root that frame ids are relative to (default: Vite's root). */
  root?: string;
  mode?: "marked" | "all-async";
}

interface VitePluginLike {
  name: string;
  enforce: "pre";
  configResolved(config: { root: string }): void;
  transform(code: string, id: string): { code: string; map: string | undefined } | null;
}

const SOURCE = /\.(m|c)?(t|j)sx?$/;

export default function dispatchVitePlugin(options: DispatchVitePluginOptions = {}): VitePluginLike {
  let root = options.root ?? process.cwd();
  return {
    name: "dispatch-ts",
    enforce: "pre",
    configResolved(config) {
      root = options.root ?? config.root;
    },
    transform(code, id) {
      const file = id.split("?")[0]!;
      if (!SOURCE.test(file) || file.includes("/node_modules/")) return null;
      if (!code.includes("dispatch-ts") && !code.includes("use durable")) return null;
      const r = transformSource(code, { fileName: file, root, mode: options.mode });
      if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
      // Nothing lowered (the runtime is only mentioned): Vite keeps the file and its own handling of it.
      if (r.functions.length === 0) return null;
      return { code: r.code, map: r.map };
    },
  };
}
