// Version hashes computed from the syntax tree, never from printed text, so
// that every front door (tspc, transformSource, the Vite plugin) agrees and a
// comment-only, formatting-only or type-only edit changes nothing.
//
// The body hash walks the function's tree and writes, for each node, its kind
// (by name: kind numbers move between TypeScript versions), what the node
// carries besides its children (identifier and literal texts, unary
// operators, let/const, new.target vs import.meta), then its children between
// brackets, so the shape of the tree is part of the hash. It skips what type
// erasure removes: type annotations and arguments, type parameters,
// interfaces and aliases, `as`/`satisfies`/`!`/`<T>x`, `implements`, the `this`
// parameter, `?` and `!` on declarations, overload signatures, `declare` and
// `abstract` members, and access/readonly/override modifiers (on a parameter
// only whether it declares a property counts). Parentheses are skipped too (a
// formatter adds and removes them; the tree's shape already says how the
// expression groups). Numeric literals are compared by value (TypeScript
// normalizes `0x10`, `1_000`, `1.50`), strings by their cooked text (quotes and
// escapes are formatting), template parts by their raw text (String.raw sees it).
import ts = require("typescript");
import { createHash, type Hash } from "node:crypto";

const TYPE_ONLY_MODIFIERS = new Set([
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
  ts.SyntaxKind.OverrideKeyword,
]);

/** Hash of a function's code: what its JavaScript does, not how the source is typed or laid out. */
export function bodyHash(node: ts.Node): string {
  const h = createHash("sha256");
  hashNode(h, node);
  return h.digest("hex").slice(0, 16);
}

function hashNode(h: Hash, n: ts.Node): void {
  if (isErased(n)) return;
  // Wrappers that erase to their operand: the operand alone is hashed.
  if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n) || ts.isExpressionWithTypeArguments(n)) {
    if (!ts.isExpressionWithTypeArguments(n) || !ts.isHeritageClause(n.parent)) return hashNode(h, n.expression);
  }
  h.update(ts.SyntaxKind[n.kind]!);
  const own = ownText(n);
  if (own !== undefined) h.update(`=${own}`);
  h.update("(");
  n.forEachChild((c) => hashNode(h, c));
  h.update(")");
}

/** What a node means besides its children. */
function ownText(n: ts.Node): string | undefined {
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isBigIntLiteral(n) || ts.isRegularExpressionLiteral(n)) return JSON.stringify(n.text);
  if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) return JSON.stringify(n.rawText ?? n.text);
  if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) return ts.SyntaxKind[n.operator];
  if (ts.isVariableDeclarationList(n)) return String(n.flags & ts.NodeFlags.BlockScoped);
  if (ts.isMetaProperty(n)) return ts.SyntaxKind[n.keywordToken];
  if (ts.isHeritageClause(n)) return ts.SyntaxKind[n.token];
  if (ts.isParameter(n) && n.modifiers?.some((m) => TYPE_ONLY_MODIFIERS.has(m.kind))) return "property";
  return undefined;
}

/** Whether type erasure removes the node (with everything under it). */
function isErased(n: ts.Node): boolean {
  if (ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n)) return true;
  if (ts.isTypeParameterDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isIndexSignatureDeclaration(n)) return true;
  if (n.kind === ts.SyntaxKind.QuestionToken || n.kind === ts.SyntaxKind.ExclamationToken || TYPE_ONLY_MODIFIERS.has(n.kind)) return true;
  if (ts.isHeritageClause(n) && n.token === ts.SyntaxKind.ImplementsKeyword) return true;
  if (ts.isParameter(n) && ts.isIdentifier(n.name) && n.name.text === "this") return true;
  // Overload signatures have no body; `declare` and `abstract` members emit nothing.
  if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n)) && n.body === undefined) return true;
  if ((ts.isPropertyDeclaration(n) || ts.isMethodDeclaration(n) || ts.isClassDeclaration(n) || ts.isEnumDeclaration(n) || ts.isVariableStatement(n) || ts.isModuleDeclaration(n)) && hasModifier(n, ts.SyntaxKind.DeclareKeyword)) return true;
  if ((ts.isPropertyDeclaration(n) || ts.isGetAccessor(n) || ts.isSetAccessor(n)) && hasModifier(n, ts.SyntaxKind.AbstractKeyword)) return true;
  return n.kind === ts.SyntaxKind.AbstractKeyword;
}

function hasModifier(n: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(n)?.some((m) => m.kind === kind) ?? false;
}

/**
 * Hash of a frame layout: its fields, its resume points, its try table and the
 * number of closures lifted out of it (a state refers to those by index).
 */
export function layoutHash(parts: { slots: readonly string[]; cases: number; tries: readonly (readonly number[])[]; resumePoints: readonly number[]; closures: number }): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16);
}
