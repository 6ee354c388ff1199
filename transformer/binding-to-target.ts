// Declarations of frame variables become assignments: a binding pattern
// (`{ a, b: [c = 1] }`) turns into the equivalent assignment pattern whose
// targets are frame fields (`{ a: $f.a, b: [$f.c = 1] }`), which JavaScript
// evaluates in the same order with the same defaults.
import ts = require("typescript");
import { assign } from "./factory.js";

const f = ts.factory;

export function bindingToTarget(
  name: ts.BindingName,
  target: (id: ts.Identifier) => ts.Expression,
  rewrite: (e: ts.Expression) => ts.Expression,
): ts.Expression {
  if (ts.isIdentifier(name)) return target(name);
  if (ts.isObjectBindingPattern(name)) {
    const props: ts.ObjectLiteralElementLike[] = name.elements.map((el) => {
      const value = bindingToTarget(el.name, target, rewrite);
      if (el.dotDotDotToken) return f.createSpreadAssignment(value);
      const withDefault = el.initializer ? assign(value, rewrite(el.initializer)) : value;
      let key: ts.PropertyName;
      if (el.propertyName === undefined) key = f.createIdentifier((el.name as ts.Identifier).text);
      else if (ts.isComputedPropertyName(el.propertyName)) key = f.createComputedPropertyName(rewrite(el.propertyName.expression));
      else key = el.propertyName;
      return f.createPropertyAssignment(key, withDefault);
    });
    return f.createObjectLiteralExpression(props, false);
  }
  const elements = name.elements.map((el): ts.Expression => {
    if (ts.isOmittedExpression(el)) return f.createOmittedExpression();
    const value = bindingToTarget(el.name, target, rewrite);
    if (el.dotDotDotToken) return f.createSpreadElement(value);
    return el.initializer ? assign(value, rewrite(el.initializer)) : value;
  });
  return f.createArrayLiteralExpression(elements, false);
}

/**
 * The names a pattern left as identifiers (no closure captures them) when the rest became targets:
 * they must still be declared where the declaration stood.
 * produces: let a, b;  (`var` for a var list, `let` for let and const)
 */
export function declarePlain(names: readonly ts.Identifier[], flags: ts.NodeFlags): ts.Statement {
  const kind = flags & (ts.NodeFlags.Let | ts.NodeFlags.Const) ? ts.NodeFlags.Let : ts.NodeFlags.None;
  return f.createVariableStatement(undefined, f.createVariableDeclarationList(names.map((name) => f.createVariableDeclaration(name.text)), kind));
}
