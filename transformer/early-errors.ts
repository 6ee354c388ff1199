// Early errors that TypeScript's parser lets through (its checker reports them, and
// transformSource runs no checker) and that the emitted module would not show either: the
// printer drops a trailing comma after a rest parameter, and the lowering turns an async arrow
// into a call or a for-await head into statements. V8 refuses such a file before running any of
// it, so transformSource must refuse it too, or a program the engine rejects would run.
// Only the grammar of strict code is applied: the emitted module is strict (docs/ARCHITECTURE.md,
// "Known gaps", sloppy-mode code).
import ts = require("typescript");

export interface EarlyError {
  node: ts.Node;
  message: string;
}

// The node an error is reported at, when it is not the node whose rule found it.
let at: ts.Node | undefined;

export function findEarlyError(sf: ts.SourceFile): EarlyError | undefined {
  let found: EarlyError | undefined;
  at = undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return;
    const message = earlyErrorOf(node);
    if (message !== undefined) {
      found = { node: at ?? node, message };
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function earlyErrorOf(node: ts.Node): string | undefined {
  at = undefined;
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.SetAccessor: {
      const params = (node as ts.SignatureDeclarationBase).parameters;
      const last = params[params.length - 1];
      at = last;
      if (params.hasTrailingComma && last?.dotDotDotToken !== undefined) return "A rest parameter must be last in a parameter list, without a trailing comma.";
      return undefined;
    }
    case ts.SyntaxKind.ArrayBindingPattern: {
      const elements = (node as ts.ArrayBindingPattern).elements;
      const last = elements[elements.length - 1];
      at = last;
      if (elements.hasTrailingComma && last !== undefined && ts.isBindingElement(last) && last.dotDotDotToken !== undefined) return "A rest element must be last in a destructuring pattern, without a trailing comma.";
      return undefined;
    }
    case ts.SyntaxKind.BindingElement: {
      const e = node as ts.BindingElement;
      if (e.dotDotDotToken !== undefined && e.initializer !== undefined) return "A rest element cannot have an initializer.";
      return undefined;
    }
    case ts.SyntaxKind.ForOfStatement: {
      const init = (node as ts.ForOfStatement).initializer;
      if (ts.isVariableDeclarationList(init) && init.declarations.some((d) => d.initializer !== undefined)) return "The variable declaration of a for-of statement cannot have an initializer.";
      if (!ts.isVariableDeclarationList(init)) return assignmentTargetError(init);
      return undefined;
    }
    case ts.SyntaxKind.ForInStatement: {
      const init = (node as ts.ForInStatement).initializer;
      if (!ts.isVariableDeclarationList(init)) return assignmentTargetError(init);
      return undefined;
    }
    case ts.SyntaxKind.BinaryExpression: {
      const b = node as ts.BinaryExpression;
      const op = b.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken) return assignmentTargetError(b.left);
      if (op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment) return simpleTargetError(b.left);
      return undefined;
    }
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression: {
      const u = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
      if (u.operator === ts.SyntaxKind.PlusPlusToken || u.operator === ts.SyntaxKind.MinusMinusToken) return simpleTargetError(u.operand);
      return undefined;
    }
    case ts.SyntaxKind.ShorthandPropertyAssignment:
    case ts.SyntaxKind.PropertyAssignment: {
      // `({ async x })`: the parser keeps the modifier on a property that cannot have one.
      const modifiers = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
      if (modifiers !== undefined && modifiers.length > 0) return `'${modifiers[0]!.getText()}' cannot be used on a property of an object literal.`;
      return undefined;
    }
    default:
      return undefined;
  }
}

// The target of `=` or of a for-in/of head written as an expression: a simple target, or an
// object or array literal read as a destructuring pattern whose own targets are checked here.
function assignmentTargetError(target: ts.Expression, inPattern = false): string | undefined {
  const t = skipParentheses(target);
  // A parenthesized literal is not a pattern: `([a]) = x` is an error.
  if (t === target && ts.isArrayLiteralExpression(t)) return arrayPatternError(t);
  if (t === target && ts.isObjectLiteralExpression(t)) return objectPatternError(t);
  return simpleTargetError(target, inPattern);
}

function arrayPatternError(pattern: ts.ArrayLiteralExpression): string | undefined {
  const elements = pattern.elements;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    if (ts.isOmittedExpression(e)) continue;
    if (ts.isSpreadElement(e)) {
      if (i !== elements.length - 1 || elements.hasTrailingComma) return "A rest element must be last in a destructuring pattern, without a trailing comma.";
      if (ts.isBinaryExpression(e.expression) && e.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) return "A rest element cannot have an initializer.";
      const error = assignmentTargetError(e.expression, true);
      if (error !== undefined) return error;
      continue;
    }
    const error = elementTargetError(e);
    if (error !== undefined) return error;
  }
  return undefined;
}

function objectPatternError(pattern: ts.ObjectLiteralExpression): string | undefined {
  for (const p of pattern.properties) {
    let error: string | undefined;
    if (ts.isPropertyAssignment(p)) error = elementTargetError(p.initializer);
    else if (ts.isShorthandPropertyAssignment(p)) error = strictNameError(p.name);
    else if (ts.isSpreadAssignment(p)) error = simpleTargetError(p.expression, true);
    if (error !== undefined) return error;
  }
  return undefined;
}

// An element of a pattern: a target, with an optional default (`x = 1`).
function elementTargetError(e: ts.Expression): string | undefined {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return assignmentTargetError(e.left, true);
  return assignmentTargetError(e, true);
}

// What compound assignment and ++/-- accept: a name or a property reference (and, outside a
// destructuring pattern, a call, which V8 accepts and throws a ReferenceError for when it runs).
function simpleTargetError(target: ts.Expression, inPattern = false): string | undefined {
  const t = skipParentheses(target);
  if (ts.isIdentifier(t)) return strictNameError(t);
  if (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t) || (!inPattern && ts.isCallExpression(t))) {
    if (t.questionDotToken !== undefined || (t.flags & ts.NodeFlags.OptionalChain) !== 0) return "Invalid left-hand side in assignment: an optional chain.";
    return undefined;
  }
  // TypeScript-only wrappers (`x as T`, `x!`, `<T>x`) are targets once erased.
  if (ts.isAsExpression(t) || ts.isNonNullExpression(t) || ts.isTypeAssertionExpression(t) || ts.isSatisfiesExpression(t)) return simpleTargetError(t.expression, inPattern);
  return "Invalid left-hand side in assignment.";
}

function strictNameError(name: ts.Identifier): string | undefined {
  if (name.text === "eval" || name.text === "arguments") return `Unexpected eval or arguments in strict mode: \`${name.text}\` cannot be assigned.`;
  return undefined;
}

function skipParentheses(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}
