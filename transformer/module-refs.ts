// Identity across suspensions (DESIGN decision 8): the top-level bindings of
// a transformed module (functions, classes, singletons, symbols) are
// registered with the runtime as the module runs, so that a value `===`
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

/**
 * The module's statements with registrations interleaved: each top-level binding is registered as
 * soon as it has its value, not at the end of the module, because a module may suspend a durable
 * call before its last statement runs (`await dispatch.run(main())` at top level, above or below
 * the classes its state holds). Function declarations are hoisted, so they go first; a class or a
 * variable right after its statement; `let`/`var` bindings once more at the end, for a value
 * assigned later in the module's own top-level code.
 * produces: $m.refs({ f }); ...; class C {} $m.refs({ C }); let x = ...; $m.refs({ x }); ...; $m.refs({ x });
 */
export function withModuleRefs(statements: readonly ts.Statement[]): ts.Statement[] {
  const hoisted: string[] = [];
  const mutable: string[] = [];
  const exported = new Set<string>();
  const out: ts.Statement[] = [];
  // A class's registration waits for the statements that wrap its durable methods in place.
  let pending: ts.Statement | undefined;
  for (const s of statements) {
    if (pending !== undefined && !isMethodHelper(s)) {
      out.push(pending);
      pending = undefined;
    }
    out.push(s);
    const names: string[] = [];
    declaredNames(s, names, exported);
    const own = names.filter((n) => !n.startsWith("$d") && n !== "$m");
    if (own.length === 0) continue;
    if (ts.isFunctionDeclaration(s)) hoisted.push(...own);
    else if (ts.isClassDeclaration(s)) pending = refsStatement(own, exported);
    else {
      out.push(refsStatement(own, exported));
      // (A lowered function declaration becomes a synthesized `var f = $rt.helper(...)`: not mutable.)
      if (ts.isVariableStatement(s) && !(s.declarationList.flags & ts.NodeFlags.Const) && ts.getOriginalNode(s).pos >= 0) mutable.push(...own);
    }
  }
  if (pending !== undefined) out.push(pending);
  const first = hoisted.length > 0 ? [refsStatement(hoisted, exported)] : [];
  const last = mutable.length > 0 ? [refsStatement(mutable, exported)] : [];
  return [...first, ...out, ...last];
}

/** `$rt.methodHelper(C.prototype, "m", $dN);`, written by the transform after class C. */
function isMethodHelper(s: ts.Statement): boolean {
  if (!ts.isExpressionStatement(s) || !ts.isCallExpression(s.expression)) return false;
  const callee = s.expression.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "$rt" && callee.name.text === "methodHelper";
}

/** produces: $m.refs({ a, b, C }); */
function refsStatement(names: readonly string[], exported: ReadonlySet<string>): ts.Statement {
  // An exported variable has no local binding in CommonJS output (TypeScript writes `exports.x`):
  // produces: x: typeof x === "undefined" ? undefined : x
  const value = (n: string): ts.ObjectLiteralElementLike =>
    exported.has(n)
      ? f.createPropertyAssignment(n, f.createConditionalExpression(f.createStrictEquality(f.createTypeOfExpression(id(n)), f.createStringLiteral("undefined")), undefined, f.createVoidZero(), undefined, id(n)))
      : f.createShorthandPropertyAssignment(n);
  return f.createExpressionStatement(call(f.createPropertyAccessExpression(id("$m"), "refs"), [f.createObjectLiteralExpression([...new Set(names)].map(value), false)]));
}
