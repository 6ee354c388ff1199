// Names of durable functions: the qualified name (enclosing classes and
// functions joined with dots) is both the frame id inside the module and the
// default wire name. Anonymous functions take the name JavaScript infers
// (the variable or property they are assigned to).
import ts = require("typescript");
import { isFunctionBoundary } from "./contains-await.js";

export function inferredName(node: ts.Node): string | undefined {
  const own = (node as { name?: ts.Node }).name;
  if (own !== undefined) return propertyNameText(own);
  const p = namingParent(node);
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return propertyNameText(p.name);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const l = p.left;
    if (ts.isIdentifier(l)) return l.text;
    if (ts.isPropertyAccessExpression(l)) return l.name.text;
  }
  if (ts.isParameter(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isExportAssignment(p)) return "default";
  return undefined;
}

/** What an anonymous function is assigned to: `dispatch.function(async () => ...)` takes the name of what the call is assigned to. */
function namingParent(node: ts.Node): ts.Node {
  let p: ts.Node = node.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isCallExpression(p)) p = p.parent;
  return p;
}

function propertyNameText(n: ts.Node): string | undefined {
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n)) return n.text;
  return undefined;
}

export function qualifiedName(node: ts.Node): string {
  const parts = [inferredName(node) ?? "anonymous"];
  // A class field's initializer is a boundary of its own, named like the field: when the field
  // named the function already, it is not a container too (`K.field`, not `K.field.field`).
  const namedBy = (node as { name?: ts.Node }).name === undefined ? namingParent(node) : undefined;
  for (let p = node.parent; p !== undefined && !ts.isSourceFile(p); p = p.parent) {
    if (p === namedBy && ts.isPropertyDeclaration(p)) continue;
    if (isFunctionBoundary(p) || ts.isClassDeclaration(p) || ts.isClassExpression(p)) {
      const n = inferredName(p);
      if (n !== undefined) parts.unshift(n);
    }
  }
  return parts.join(".").replace(/[^a-zA-Z0-9_<>.]/g, "_");
}

/** The name JavaScript itself gives an anonymous function where it stands (not through a call). */
export function nativeName(node: ts.Node): string | undefined {
  const own = (node as { name?: ts.Node }).name;
  if (own !== undefined) return undefined;
  let p: ts.Node = node.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p)) return propertyNameText(p.name);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left)) return p.left.text;
  if (ts.isParameter(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isExportAssignment(p)) return "default";
  return undefined;
}
