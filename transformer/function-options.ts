// Reads what the build must know from the options of `dispatch.function(
// { name, version }, fn)` and `dispatch.durable({ version }, fn)` (or of the
// decorator factories `@dispatch.function({ ... })`): the wire name
// (for the manifest) and the version pin (emitted into the descriptor, so the
// engine compares it with the version a state carries). The pin has to be a
// string literal: the build records it and checks it against the previous
// manifest, so it must not depend on run time. A name that is not a literal
// is left to the run time (the manifest then has no wire name for it).
import ts = require("typescript");

export interface StaticOptions {
  /** The wire name when it is a literal; null when set by an expression the build cannot read. */
  wireName?: string | null;
  /** The version pin, with the node to report a refusal at. */
  version?: { value: string; node: ts.Node };
}

export const VERSION_PIN = /^[A-Za-z0-9][A-Za-z0-9_.:+-]{0,63}$/;

export function staticOptions(written: ts.Expression | undefined, report: (node: ts.Node, message: string) => void): StaticOptions {
  const out: StaticOptions = {};
  if (written === undefined) return out;
  const options = unwrap(written);
  if (!ts.isObjectLiteralExpression(options)) {
    out.wireName = null;
    return out;
  }
  for (const p of options.properties) {
    const key = p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (ts.isSpreadAssignment(p)) out.wireName = null;
    if (key !== "name" && key !== "version") continue;
    const value = ts.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined;
    const text = value !== undefined && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) ? value.text : undefined;
    if (key === "name") {
      out.wireName = text ?? null;
      continue;
    }
    if (text === undefined) {
      report(p, "cannot read the version pin: `version` must be a string literal, so that the build can record it in the manifest and check it against the previous one");
    } else if (!VERSION_PIN.test(text)) {
      report(p, `cannot read the version pin ${JSON.stringify(text)}: a version is 1 to 64 letters, digits and _ . : + - (starting with a letter or digit)`);
    } else {
      out.version = { value: text, node: p };
    }
  }
  return out;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
