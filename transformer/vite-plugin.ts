// The Vite plugin (`dispatch-ts/vite`): vitest builds through Vite, so users'
// tests run their durable code transformed, with the same engine, ids and
// versions as tspc. Files that mention the runtime or "use durable" are
// transformed, files that declare classes get their bindings registered;
// everything else is left to Vite.
import { fileURLToPath } from "node:url";
import { basename, resolve, sep } from "node:path";
import { transformSource } from "./transform-source.js";
import { formatDiagnostic } from "./transform-source.js";

export interface DispatchVitePluginOptions {
  /** Root that frame ids are relative to (default: Vite's root). */
  root?: string;
  mode?: "marked" | "all-async";
  /**
   * Whether modules without durable code that declare classes register their top-level bindings,
   * so that durable code can hold instances of those classes across awaits (default: true).
   */
  registerModules?: boolean;
}

interface VitePluginLike {
  name: string;
  enforce: "pre";
  configResolved(config: { root: string }): void;
  transform(code: string, id: string): { code: string; map: string | undefined } | null;
}

const SOURCE = /\.(m|c)?(t|j)sx?$/;
const CLASS = /\bclass\s/;
// dispatch-ts's own sources (served by Vite when the package is linked, as in our tests) never
// register: the runtime importing itself would be a cycle. This file is <root>/dist/transformer/
// or <root>/transformer/ (the sources under vitest).
const HERE = fileURLToPath(new URL(".", import.meta.url));
const PACKAGE_ROOT = resolve(HERE, basename(resolve(HERE, "..")) === "dist" ? "../.." : "..") + sep;

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
      const durable = code.includes("dispatch-ts") || code.includes("use durable");
      // A module of classes that durable code may hold across awaits registers them (as with tspc).
      const registers = options.registerModules !== false && CLASS.test(code) && !file.startsWith(PACKAGE_ROOT);
      if (!durable && !registers) return null;
      const r = transformSource(code, { fileName: file, root, mode: options.mode, registerModule: registers });
      if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map(formatDiagnostic).join("\n"));
      // Nothing lowered or registered: Vite keeps the file and its own handling of it.
      if (!r.changed) return null;
      return { code: r.code, map: r.map };
    },
  };
}
