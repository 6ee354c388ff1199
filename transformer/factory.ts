// Small constructors over ts.factory, so that code building syntax reads like
// the code it produces.
import ts = require("typescript");

const f = ts.factory;

export const id = (name: string): ts.Identifier => f.createIdentifier(name);
export const num = (n: number): ts.Expression =>
  n < 0 ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-n)) : f.createNumericLiteral(n);
export const str = (s: string): ts.StringLiteral => f.createStringLiteral(s);
export const prop = (obj: ts.Expression, name: string): ts.PropertyAccessExpression => f.createPropertyAccessExpression(obj, name);
export const assign = (target: ts.Expression, value: ts.Expression): ts.Expression => f.createAssignment(target, value);
export const stmt = (e: ts.Expression): ts.Statement => f.createExpressionStatement(e);
export const call = (callee: ts.Expression, args: readonly ts.Expression[]): ts.CallExpression =>
  f.createCallExpression(callee, undefined, args);
export const undef = (): ts.Expression => f.createVoidZero();
export const rt = (name: string): ts.Expression => prop(id("$rt"), name);
export const block = (statements: readonly ts.Statement[]): ts.Block => f.createBlock(statements, true);
export const not = (e: ts.Expression): ts.Expression => f.createLogicalNot(paren(e));
export const paren = (e: ts.Expression): ts.Expression =>
  ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isCallExpression(e) || ts.isLiteralExpression(e) || ts.isParenthesizedExpression(e)
    ? e
    : f.createParenthesizedExpression(e);

/** Removes TypeScript-only wrappers (`x as T`, `<T>x`, `x!`, `x satisfies T`) and parentheses. */
export function skipOuter(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) {
      e = e.expression;
    } else return e;
  }
}

/** A literal, also under type-only wrappers (`"k" as string`), so that a type-only edit changes no frame layout. */
export function isLiteralLike(e: ts.Expression): boolean {
  e = skipOuter(e);
  return (
    ts.isNumericLiteral(e) ||
    ts.isStringLiteral(e) ||
    ts.isNoSubstitutionTemplateLiteral(e) ||
    ts.isBigIntLiteral(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isVoidExpression(e) && ts.isNumericLiteral(e.expression))
  );
}

/** A transformation context for visiting synthesized nodes outside a transform (not in TypeScript's public typings). */
export const nullContext = (ts as unknown as { nullTransformationContext: ts.TransformationContext }).nullTransformationContext;
