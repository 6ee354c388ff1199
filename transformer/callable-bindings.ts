// Bindings that always hold a function once initialized: `const g = (..) => ..`
// or `const g = function (..) {..}`. A call of such a binding whose arguments
// await saves the function before the await and calls it directly afterwards:
// it cannot be anything but callable, so the generic `$rt.invoke` (an argument
// array and a callability check per call) is not needed. A read in the dead
// zone still throws where the source reads the binding, before the arguments.
import ts = require("typescript");
import { skipOuter } from "./factory.js";
import type { Declaration, ScopeInfo } from "./scope.js";

const cache = new WeakMap<ScopeInfo, ReadonlySet<Declaration>>();

export function alwaysCallable(scopes: ScopeInfo, callee: ts.Identifier): boolean {
  const d = scopes.resolved.get(callee);
  return d !== undefined && constFunctions(scopes).has(d);
}

function constFunctions(scopes: ScopeInfo): ReadonlySet<Declaration> {
  let set = cache.get(scopes);
  if (set !== undefined) return set;
  const found = new Set<Declaration>();
  for (const [name, decls] of scopes.declarations) {
    const decl = name.parent;
    if (decl === undefined || !ts.isVariableDeclaration(decl) || decl.name !== name || decl.initializer === undefined) continue;
    const list = decl.parent;
    if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) continue;
    const init = skipOuter(decl.initializer);
    if (!ts.isArrowFunction(init) && !ts.isFunctionExpression(init)) continue;
    // One declaration per name: a const cannot be redeclared in its scope.
    if (decls.length === 1) found.add(decls[0]!);
  }
  cache.set(scopes, (set = found));
  return set;
}
