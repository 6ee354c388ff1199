// Identity across suspensions (DESIGN decision 8): the top-level bindings of
// a transformed module (functions, classes, singletons, symbols) are
// registered with the runtime at the end of the module, so that a value `===`
// to one of them is written into state as a reference and is `===` to it again
// after a resume. Imports are left out: a name imported only as a type has no
// value at run time (the module that declares it registers its own bindings).
import ts = require("typescript");
import { call, id } from "./factory.js";

const f = ts.factory;

function isExported(statement: ts.Statement): boolean {
  return (ts.getCombinedModifierFlags(statement as unknown as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

function declaredNames(statement: ts.Statement, out: string[], exported: Set<string>): void {
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
    if (ts.isFunctionDeclaration(statement) && !statement.body) return;
    if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return;
    out.push(statement.name.text);
  } else if (ts.isVariableStatement(statement)) {
    if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return;
    const visit = (name: ts.BindingName): void => {
      if (ts.isIdentifier(name)) out.push(name.text);
      else for (const el of name.elements) if (!ts.isOmittedExpression(el)) visit(el.name);
    };
    const before = out.length;
    for (const d of statement.declarationList.declarations) visit(d.name);
    if (isExported(statement)) for (const n of out.slice(before)) exported.add(n);
  }
}

/** produces: $m.refs({ a, b, C }); */
export function moduleRefsStatement(statements: readonly ts.Statement[]): ts.Statement | undefined {
  const names: string[] = [];
  const exported = new Set<string>();
  for (const s of statements) declaredNames(s, names, exported);
  const unique = [...new Set(names)].filter((n) => !n.startsWith("$d") && n !== "$m");
  if (unique.length === 0) return undefined;
  // An exported variable has no local binding in CommonJS output (TypeScript writes `exports.x`):
  // produces: x: typeof x === "undefined" ? undefined : x
  const value = (n: string): ts.ObjectLiteralElementLike =>
    exported.has(n)
      ? f.createPropertyAssignment(n, f.createConditionalExpression(f.createStrictEquality(f.createTypeOfExpression(id(n)), f.createStringLiteral("undefined")), undefined, f.createVoidZero(), undefined, id(n)))
      : f.createShorthandPropertyAssignment(n);
  return f.createExpressionStatement(call(f.createPropertyAccessExpression(id("$m"), "refs"), [f.createObjectLiteralExpression(unique.map(value), false)]));
}
