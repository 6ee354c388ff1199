// Version hashes computed from the syntax tree, never from printed text, so
// that every front door (tspc, transformSource, the Vite plugin) agrees and a
// comment-only, formatting-only or type-only edit changes nothing.
import ts from "typescript";
import { createHash } from "node:crypto";

/** Hash of a function's code: node kinds, names and literal texts; types and trivia are skipped. */
export function bodyHash(node: ts.Node, file: ts.SourceFile): string {
  const h = createHash("sha256");
  const walk = (n: ts.Node): void => {
    if (ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n)) return;
    if (ts.isTypeParameterDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) return;
    h.update(String(n.kind));
    h.update(",");
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) h.update(n.text);
    else if (ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isBigIntLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isRegularExpressionLiteral(n)) h.update(n.text);
    else if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) h.update(n.text);
    h.update(";");
    n.forEachChild(walk);
  };
  void file;
  walk(node);
  return h.digest("hex").slice(0, 16);
}

/** Hash of a frame layout: its fields, resume points and try table. */
export function layoutHash(parts: { slots: readonly string[]; cases: number; tries: readonly (readonly number[])[]; resumePoints: readonly number[] }): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16);
}
