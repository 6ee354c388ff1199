// Identity across suspensions (DESIGN decision 8): the top-level bindings of
// a transformed module (functions, classes, singletons, symbols) are
// registered with the runtime at the end of the module, so that a value `===`
// to one of them is written into state as a reference and is `===` to it again
// after a resume. Imports are left out: a name imported only as a type has no
// value at run time (the module that declares it registers its own bindings).
import ts from "typescript";
import { call, id } from "./factory.js";

const f = ts.factory;

function declaredNames(statement: ts.Statement, out: string[]): void {
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
    for (const d of statement.declarationList.declarations) visit(d.name);
  }
}

/** produces: $m.refs({ a, b, C }); */
export function moduleRefsStatement(statements: readonly ts.Statement[]): ts.Statement | undefined {
  const names: string[] = [];
  for (const s of statements) declaredNames(s, names);
  const unique = [...new Set(names)].filter((n) => !n.startsWith("$d") && n !== "$m");
  if (unique.length === 0) return undefined;
  return f.createExpressionStatement(
    call(f.createPropertyAccessExpression(id("$m"), "refs"), [f.createObjectLiteralExpression(unique.map((n) => f.createShorthandPropertyAssignment(n)), false)]),
  );
}
