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
import * as crypto from "node:crypto";

const K = ts.SyntaxKind;

const TYPE_ONLY_MODIFIERS = new Set([K.PublicKeyword, K.PrivateKeyword, K.ProtectedKeyword, K.ReadonlyKeyword, K.OverrideKeyword]);

/** Hash of a function's code: what its JavaScript does, not how the source is typed or laid out. */
export function bodyHash(node: ts.Node): string {
  // The parts are joined and hashed once: a hash update per node costs more than the walk itself.
  const parts: string[] = [];
  hashNode(parts, node);
  return sha256(parts.join(""));
}

function hashNode(out: string[], n: ts.Node): void {
  if (isErased(n)) return;
  // Wrappers that erase to their operand: the operand alone is hashed.
  switch (n.kind) {
    case K.ParenthesizedExpression:
    case K.AsExpression:
    case K.SatisfiesExpression:
    case K.NonNullExpression:
    case K.TypeAssertionExpression:
      return hashNode(out, (n as ts.ParenthesizedExpression).expression);
    case K.ExpressionWithTypeArguments:
      if (!ts.isHeritageClause(n.parent)) return hashNode(out, (n as ts.ExpressionWithTypeArguments).expression);
  }
  out.push(K[n.kind]!);
  const own = ownText(n);
  if (own !== undefined) out.push(`=${own}`);
  out.push("(");
  n.forEachChild((c) => hashNode(out, c));
  out.push(")");
}

/** What a node means besides its children. */
function ownText(n: ts.Node): string | undefined {
  switch (n.kind) {
    case K.Identifier:
    case K.PrivateIdentifier:
    case K.StringLiteral:
    case K.NumericLiteral:
    case K.BigIntLiteral:
    case K.RegularExpressionLiteral:
      return JSON.stringify((n as ts.Identifier | ts.LiteralExpression).text);
    case K.NoSubstitutionTemplateLiteral:
    case K.TemplateHead:
    case K.TemplateMiddle:
    case K.TemplateTail:
      return JSON.stringify((n as ts.TemplateLiteralLikeNode).rawText ?? (n as ts.TemplateLiteralLikeNode).text);
    case K.PrefixUnaryExpression:
    case K.PostfixUnaryExpression:
      return K[(n as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression).operator];
    case K.VariableDeclarationList:
      return String(n.flags & ts.NodeFlags.BlockScoped);
    case K.MetaProperty:
      return K[(n as ts.MetaProperty).keywordToken];
    case K.HeritageClause:
      return K[(n as ts.HeritageClause).token];
    case K.Parameter:
      return (n as ts.ParameterDeclaration).modifiers?.some((m) => TYPE_ONLY_MODIFIERS.has(m.kind)) ? "property" : undefined;
    default:
      return undefined;
  }
}

/** Whether type erasure removes the node (with everything under it). */
function isErased(n: ts.Node): boolean {
  switch (n.kind) {
    case K.QuestionToken:
    case K.ExclamationToken:
    case K.AbstractKeyword:
    case K.PublicKeyword:
    case K.PrivateKeyword:
    case K.ProtectedKeyword:
    case K.ReadonlyKeyword:
    case K.OverrideKeyword:
    case K.TypeParameter:
    case K.InterfaceDeclaration:
    case K.TypeAliasDeclaration:
    case K.IndexSignature:
      return true;
    case K.ExpressionWithTypeArguments:
      return false;
    case K.HeritageClause:
      return (n as ts.HeritageClause).token === K.ImplementsKeyword;
    case K.Parameter: {
      const name = (n as ts.ParameterDeclaration).name;
      return ts.isIdentifier(name) && name.text === "this";
    }
    // Overload signatures have no body; `declare` and `abstract` members emit nothing.
    case K.FunctionDeclaration:
    case K.Constructor:
      return (n as ts.FunctionDeclaration).body === undefined;
    case K.MethodDeclaration:
      return (n as ts.MethodDeclaration).body === undefined || hasModifier(n as ts.MethodDeclaration, K.DeclareKeyword);
    case K.PropertyDeclaration:
      return hasModifier(n as ts.PropertyDeclaration, K.DeclareKeyword) || hasModifier(n as ts.PropertyDeclaration, K.AbstractKeyword);
    case K.ClassDeclaration:
    case K.EnumDeclaration:
    case K.VariableStatement:
    case K.ModuleDeclaration:
      return hasModifier(n as ts.HasModifiers, K.DeclareKeyword);
    case K.GetAccessor:
    case K.SetAccessor:
      return hasModifier(n as ts.HasModifiers, K.AbstractKeyword);
    default:
      return ts.isTypeNode(n);
  }
}

function hasModifier(n: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(n)?.some((m) => m.kind === kind) ?? false;
}

/**
 * Hash of a frame layout: its fields, its resume points, its try table and the
 * number of closures lifted out of it (a state refers to those by index).
 */
export function layoutHash(parts: { slots: readonly string[]; cases: number; tries: readonly (readonly number[])[]; resumePoints: readonly number[]; closures: number }): string {
  return sha256(JSON.stringify(parts));
}

/** The first 16 hex digits of the SHA-256 of a text (one-shot `hash` where Node has it: no Hash object). */
function sha256(text: string): string {
  return (typeof crypto.hash === "function" ? crypto.hash("sha256", text, "hex") : crypto.createHash("sha256").update(text).digest("hex")).slice(0, 16);
}
