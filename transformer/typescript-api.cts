// The TypeScript API as the transformer reads it: `import ts = require("./typescript-api.cjs")`
// instead of "typescript" itself, in every file of transformer/.
//
// Why: TypeScript 6 publishes its API as a bundle whose exports are getters (one
// accessor call per `ts.isIdentifier`, `ts.SyntaxKind`, `ts.factory` read, and the
// transformer reads them in its innermost loops). Here they are read once into a plain
// object of data properties, which the build bench shows as a clear share of the plugin's
// cost (docs/BENCHMARKS.md, "build"). The values are the same functions and objects, so
// nodes, types and the checker mix freely with those of `require("typescript")`.
//
// The types stay TypeScript's own: `ts.Node`, `ts.SyntaxKind` keep working in type
// positions, because the export is an alias of the typescript namespace whose value is
// replaced at load. (A const typed `typeof ts` would carry the values but no types.)
import typescript = require("typescript");

namespace loaded {
  export import api = typescript;
}
// The functions, enums and `factory` the transformer reads are bound once when TypeScript
// loads, so the copy never goes stale. (A few exports, `sys` and `objectAllocator`, can be
// replaced later through setSys and setObjectAllocator: the transformer reads neither.)
Reflect.set(loaded, "api", plainCopy(typescript));
import ts = loaded.api;
export = ts;

function plainCopy(api: object): object {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(api)) copy[key] = (api as Record<string, unknown>)[key];
  return copy;
}
