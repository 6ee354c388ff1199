// Array, object and template literals that contain an await. Each part is
// evaluated in source order and saved only when a later part awaits; what
// JavaScript does at a part's position happens there too: a spread iterates
// (array) or copies (object, running its getters), a computed key is converted
// to a property key, a template substitution is converted to a string. The
// literal itself is built once its last part is known, which no code can
// observe earlier.
import ts = require("typescript");
import { isLiteralLike } from "./factory.js";
import { rewriteExpression } from "./rewrite.js";
import { containsAwait } from "./contains-await.js";
import type { Exploder } from "./explode-expression.js";

const f = ts.factory;

export function explodeArray(x: Exploder, e: ts.ArrayLiteralExpression): ts.Expression {
  return f.createArrayLiteralExpression(x.args(e.elements, true), false);
}

export function explodeObject(x: Exploder, e: ts.ObjectLiteralExpression): ts.Expression {
  const list = e.properties;
  const props = list.map((p, i): ts.ObjectLiteralElementLike => {
    const later = list.slice(i + 1).some(containsAwait);
    if (ts.isPropertyAssignment(p)) {
      const name = ts.isComputedPropertyName(p.name) ? f.createComputedPropertyName(x.key(p.name.expression, later || containsAwait(p.initializer))) : p.name;
      return f.createPropertyAssignment(name, x.viaTemp(p.initializer, later));
    }
    if (ts.isShorthandPropertyAssignment(p)) return f.createPropertyAssignment(p.name.text, x.viaTemp(p.name, later));
    if (ts.isSpreadAssignment(p)) {
      const value = x.explode(p.expression);
      if (!later) return f.createSpreadAssignment(value);
      // produces: $f.$t0 = { ...src };  (its getters run here, not when the literal is built)
      const t = x.em.makeTemp();
      x.em.emitAssign(t, f.createObjectLiteralExpression([f.createSpreadAssignment(value)]));
      return f.createSpreadAssignment(t);
    }
    if (p.name && ts.isComputedPropertyName(p.name) && containsAwait(p.name)) {
      x.fl.file.report(p, "not supported: await in the computed name of a method");
    }
    return (rewriteExpression(x.fl, f.createObjectLiteralExpression([p])) as ts.ObjectLiteralExpression).properties[0]!;
  });
  return f.createObjectLiteralExpression(props, props.length > 1);
}

/**
 * Substitutions of a template literal are converted to strings at their
 * position; a tagged template's are passed unconverted to the tag.
 */
export function explodeTemplate(x: Exploder, e: ts.TemplateExpression, tagged: boolean): ts.TemplateExpression {
  const spans = e.templateSpans.map((s, i) => {
    const later = e.templateSpans.slice(i + 1).some((n) => containsAwait(n.expression));
    if (tagged || !later) return f.createTemplateSpan(x.viaTemp(s.expression, later), s.literal);
    const value = x.explode(s.expression);
    if (isLiteralLike(value)) return f.createTemplateSpan(value, s.literal);
    // produces: $f.$t0 = `${x}`;  (ToString now, before the later await)
    const t = x.em.makeTemp();
    x.em.emitAssign(t, f.createTemplateExpression(f.createTemplateHead(""), [f.createTemplateSpan(value, f.createTemplateTail(""))]));
    return f.createTemplateSpan(t, s.literal);
  });
  return f.createTemplateExpression(e.head, spans);
}
