// The mapped `arguments` object of sloppy-mode functions.
//
// In sloppy code, a function with a simple parameter list has an `arguments`
// object whose elements are aliases of its parameters: `a = 1` shows in
// `arguments[0]` and `arguments[0] = 1` in `a`. A durable function keeps its
// parameters as frame fields and its `arguments` as an array in the frame
// (so both survive a suspension), which cannot keep that aliasing; and its
// emitted module is strict code. So a lowered function where the aliasing can
// be seen is reported, with the fix, instead of quietly behaving otherwise.
// It can be seen when the function is sloppy (a script without a "use strict"
// directive of its own or around it, outside class bodies), has simple
// parameters, reads its own `arguments`, and either writes a parameter, or
// uses `arguments` other than by reading `arguments.length` or
// `arguments[i]` (a write to an element, or the object given away).
// Leaves alone: strict code (modules, classes, "use strict"), arrows (their
// `arguments` is the enclosing function's, judged there), functions without
// parameters or with default, rest or pattern parameters (unmapped natively).
import ts = require("typescript");
import { isFunctionBoundary } from "./contains-await.js";

export function sloppyArgumentsProblem(fn: ts.FunctionLikeDeclaration): ts.Node | undefined {
  if (ts.isArrowFunction(fn) || fn.body === undefined || !ts.isBlock(fn.body) || fn.parameters.length === 0) return undefined;
  if (!fn.parameters.every((p) => ts.isIdentifier(p.name) && p.initializer === undefined && p.dotDotDotToken === undefined)) return undefined;
  if (isStrict(fn)) return undefined;
  const params = new Set(fn.parameters.map((p) => (p.name as ts.Identifier).text));
  let uses: ts.Identifier | undefined;
  let seen: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (seen !== undefined && uses !== undefined) return;
    // A nested function has its own `arguments` and parameters (an arrow shares the enclosing function's).
    if (isFunctionBoundary(n) && !ts.isArrowFunction(n)) return;
    if (ts.isIdentifier(n) && n.text === "arguments") {
      uses ??= n;
      if (!readOnly(n)) seen ??= n;
    }
    if (ts.isIdentifier(n) && params.has(n.text) && isWritten(n)) seen ??= n;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return uses !== undefined ? seen : undefined;
}

/** `arguments.length` or `arguments[i]`, read and not written. */
function readOnly(n: ts.Identifier): boolean {
  const p = n.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === n) return p.name.text === "length" && !isWritten(p);
  if (ts.isElementAccessExpression(p) && p.expression === n) return !isWritten(p);
  return false;
}

/** An assignment, compound assignment, update, or destructuring target (a shadowing declaration counts too: rare, and harmless to report). */
function isWritten(n: ts.Node): boolean {
  let c = n;
  while (ts.isParenthesizedExpression(c.parent)) c = c.parent;
  const p = c.parent;
  if (ts.isBinaryExpression(p)) return p.left === c && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) return p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken;
  if (ts.isShorthandPropertyAssignment(p) || ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p)) return isWritten(p);
  if (ts.isPropertyAssignment(p) && p.initializer === c) return isWritten(p.parent);
  if (ts.isObjectLiteralExpression(p)) return isWritten(p);
  if (ts.isForInStatement(p) || ts.isForOfStatement(p)) return p.initializer === c;
  return false;
}

function isStrict(fn: ts.Node): boolean {
  const sf = fn.getSourceFile();
  // Judged from the source as written (the compiler may be told to treat every file as a module).
  if (writtenAsModule(sf) || hasUseStrict(sf.statements)) return true;
  for (let p: ts.Node | undefined = fn; p !== undefined; p = p.parent) {
    if (ts.isClassLike(p)) return true;
    const body = (p as ts.FunctionLikeDeclaration).body;
    if (isFunctionBoundary(p) && body !== undefined && ts.isBlock(body) && hasUseStrict(body.statements)) return true;
  }
  return false;
}

function hasUseStrict(statements: readonly ts.Statement[]): boolean {
  for (const s of statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === "use strict") return true;
  }
  return false;
}

/** An ES module: a .mjs/.mts file, or one with import or export statements. */
function writtenAsModule(sf: ts.SourceFile): boolean {
  if (/\.m[jt]s$/.test(sf.fileName)) return true;
  return sf.statements.some(
    (s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true),
  );
}
