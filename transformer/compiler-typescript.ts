// Loads the transformer's modules against the compiler's own TypeScript.
//
// tspc runs the compiler from its own bundle of TypeScript, and hands a plugin
// that instance as `extras.ts`; `require("typescript")` is another copy of the
// same code (typescript.js beside tsc's _tsc.js), loaded but never used by the
// compiler. Nodes built by the other copy's factory have other hidden classes
// than the ones the compiler parsed and prints, so the printer's inline caches
// go polymorphic on every durable module, and the copy's factory runs cold while
// the compiler's is optimized already. Built with the compiler's own instance,
// the same plugin costs about 200 ms less CPU in the 200-file build bench
// (docs/BENCHMARKS.md, "Ninth session"). It is also the right TypeScript when a
// project's tsc is another version than the one dispatch-ts resolves.
//
// Every transformer module reads `typescript` once, with require() when it is
// evaluated; so the modules are evaluated here, once per process, while the
// module cache answers `typescript` with the compiler's instance. Modules that a
// process had evaluated before (a test importing the transformer directly) keep
// the instance they had: both copies are the same version's code, so a mix works,
// only slower.
import { createRequire, Module } from "node:module";
import type TypeScript = require("typescript");

const require = createRequire(import.meta.url);
const loaded = new Map<string, unknown>();

export function requireWithTypeScript<T>(specifier: string, compiler: typeof TypeScript | undefined): T {
  const hit = loaded.get(specifier);
  if (hit !== undefined) return hit as T;
  if (compiler === undefined) return remember(specifier, require(specifier));
  const key = require.resolve("typescript");
  const saved = require.cache[key];
  const stand = new Module(key);
  stand.filename = key;
  stand.exports = compiler;
  stand.loaded = true;
  require.cache[key] = stand;
  try {
    return remember(specifier, require(specifier));
  } finally {
    if (saved !== undefined) require.cache[key] = saved;
    else delete require.cache[key];
  }
}

function remember<T>(specifier: string, exports: T): T {
  loaded.set(specifier, exports);
  return exports;
}
