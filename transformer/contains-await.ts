// Cached predicate: does a node contain an await (or a `for await`) that
// belongs to the function being lowered? Nested functions own their awaits,
// so the search stops at every function boundary. Computed properties of
// classes and object literals are part of the enclosing function and are searched.
import ts = require("typescript");

const cache = new WeakMap<ts.Node, boolean>();

// The kinds that bound a function, as a table indexed by SyntaxKind: every pass asks this of
// nearly every node it walks, and each `ts.SyntaxKind.X` read is two property loads through the
// typescript module's accessors, so a switch over them cost more than the rest of the question.
const BOUNDARY_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.ClassStaticBlockDeclaration,
  ts.SyntaxKind.PropertyDeclaration,
]) BOUNDARY_KINDS[k] = 1;

export function isFunctionBoundary(node: ts.Node): boolean {
  return BOUNDARY_KINDS[node.kind] === 1;
}

export function containsAwait(node: ts.Node | undefined): boolean {
  if (node === undefined) return false;
  const hit = cache.get(node);
  if (hit !== undefined) return hit;
  let found = false;
  // A `yield` is a resume point of a lowered generator (lower-generator.ts), like an await.
  if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) found = true;
  else if ((ts.isForOfStatement(node) && node.awaitModifier !== undefined)) found = true;
  else if (ts.isTypeNode(node)) found = false;
  else if (isFunctionBoundary(node)) {
    // A method or property's computed name is evaluated by the enclosing function.
    const name = (node as { name?: ts.Node }).name;
    found = name !== undefined && ts.isComputedPropertyName(name) && containsAwait(name);
  } else {
    found = ts.forEachChild(node, (child) => (containsAwait(child) ? true : undefined)) === true;
  }
  cache.set(node, found);
  return found;
}

/** Makes `node` count as containing an await (a lowered generator's body, which always suspends at its start). */
export function markContainsAwait(node: ts.Node): void {
  cache.set(node, true);
}
