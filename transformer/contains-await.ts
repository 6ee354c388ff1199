// Cached predicate: does a node contain an await (or a `for await`) that
// belongs to the function being lowered? Nested functions own their awaits,
// so the search stops at every function boundary. Computed properties of
// classes and object literals are part of the enclosing function and are searched.
import ts = require("typescript");

const cache = new WeakMap<ts.Node, boolean>();

export function isFunctionBoundary(node: ts.Node): boolean {
  // One switch on the kind: every pass asks this of nearly every node it walks.
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.ClassStaticBlockDeclaration:
    case ts.SyntaxKind.PropertyDeclaration:
      return true;
    default:
      return false;
  }
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
