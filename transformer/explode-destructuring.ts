// Destructuring patterns that contain an await (in a default, a computed key
// or an assignment target) become sequential steps in native order.
// Object patterns: RequireObjectCoercible, then per property its key (a
// computed key converted at its position), the target reference (assignment
// patterns evaluate member targets first), the property read, the default
// when the value is undefined, then the store or the nested pattern; a rest
// element copies the remaining own enumerable properties (`$rt.objectRest`).
// Array patterns: GetIterator (`$rt.iterate`, a by-index cursor for arrays),
// one step per element (`$rt.stepValue`, `$rt.step` for a hole,
// `$rt.restOf` for a rest element), then IteratorClose (`$rt.close`) when
// the pattern ends before the iterator; a throw inside the pattern closes
// the iterator too (a try-table entry whose catch is `$rt.closeOnThrow`).
// Sub-patterns without an await stay native assignment patterns.
// Assumes: the value handed in is stable (a temporary or a literal), since
// the steps read it across awaits. An iterator held across an await is kept
// in a temporary even though it cannot be serialized: a suspension there is
// reported by the engine.
import ts = require("typescript");
import { assign, call, rt, stmt, str } from "./factory.js";
import { containsAwait } from "./contains-await.js";
import { frameReference, rewriteExpression } from "./rewrite.js";
import { bindingToTarget } from "./binding-to-target.js";
import type { Exploder } from "./explode-expression.js";

const f = ts.factory;

type Pattern = ts.ObjectBindingPattern | ts.ArrayBindingPattern | ts.ObjectLiteralExpression | ts.ArrayLiteralExpression;

/** One element of a pattern: its target as written (simple or a nested pattern) and its default. */
interface Element {
  target: ts.Expression | ts.BindingName;
  init: ts.Expression | undefined;
}

type Shape =
  | { kind: "object"; props: (Element & { key: ts.PropertyName })[]; rest: Element | undefined }
  | { kind: "array"; elements: (Element | undefined)[]; rest: Element | undefined };

/** `pattern = right` whose pattern awaits; the value of the expression is the right side's. */
export function explodeAssignmentPattern(x: Exploder, pattern: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression, right: ts.Expression, ignore: boolean): ts.Expression {
  const value = x.viaTemp(right, true);
  new PatternLowering(x, true).pattern(pattern, value);
  return ignore ? f.createVoidZero() : value;
}

/** A binding pattern (declaration, loop head, catch parameter) initialized from a stable value. */
export function explodeBindingPattern(x: Exploder, name: ts.ObjectBindingPattern | ts.ArrayBindingPattern, value: ts.Expression): void {
  new PatternLowering(x, false).pattern(name, value);
}

class PatternLowering {
  constructor(
    private readonly x: Exploder,
    /** Assignment patterns evaluate their member targets; binding patterns only name frame fields. */
    private readonly assignment: boolean,
  ) {}

  pattern(p: Pattern, value: ts.Expression): void {
    const em = this.x.em;
    if (!containsAwait(p)) {
      // produces: [$f.a, { b: $f.b }] = value;  (native destructuring, native order)
      const target = this.assignment ? rewriteExpression(this.x.fl, p as ts.Expression) : bindingToTarget(p as ts.BindingName, (n) => frameReference(this.x.fl, n) ?? n, (e) => rewriteExpression(this.x.fl, e));
      em.emitAssign(target, value);
      return;
    }
    const shape = shapeOf(p, (n, message) => this.x.fl.file.report(n, message));
    if (shape.kind === "object") this.object(shape, value);
    else this.array(shape, value);
  }

  private object(shape: Extract<Shape, { kind: "object" }>, value: ts.Expression): void {
    const em = this.x.em;
    // produces: $rt.coercible(value);
    em.emit(stmt(call(rt("coercible"), [value])));
    const keys: ts.Expression[] = [];
    for (const prop of shape.props) {
      const key = ts.isComputedPropertyName(prop.key) ? this.x.key(prop.key.expression, true) : literalKey(prop.key);
      keys.push(key);
      // produces: value.a  or  value[key]
      this.element(prop, () => (ts.isIdentifier(prop.key) ? f.createPropertyAccessExpression(value, f.createIdentifier(prop.key.text)) : f.createElementAccessExpression(value, key)));
    }
    if (shape.rest !== undefined) {
      const ref = this.reference(shape.rest.target);
      // produces: target = $rt.objectRest(value, ["a", $f.$t1]);
      em.emitAssign(ref, call(rt("objectRest"), [value, f.createArrayLiteralExpression(keys)]));
    }
  }

  private array(shape: Extract<Shape, { kind: "array" }>, value: ts.Expression): void {
    const em = this.x.em;
    const it = em.makeTemp();
    // produces: $f.$tI = $rt.iterate(value);
    em.emitAssign(it, call(rt("iterate"), [value]));
    const tryLoc = em.loc();
    const catchLoc = em.loc();
    const after = em.loc();
    em.newTry(tryLoc, catchLoc, undefined, after);
    em.mark(tryLoc);
    for (const el of shape.elements) {
      // produces: $rt.step($f.$tI);  (a hole)
      if (el === undefined) em.emit(stmt(call(rt("step"), [it])));
      else this.element(el, () => call(rt("stepValue"), [it]));
    }
    if (shape.rest !== undefined) this.element(shape.rest, () => call(rt("restOf"), [it]));
    em.jump(after);
    em.mark(catchLoc);
    // produces: $rt.closeOnThrow($f.$tI, $f.$e);  (rethrows)
    em.emit(stmt(call(rt("closeOnThrow"), [it, em.slot("$e")])));
    em.mark(after);
    // produces: $rt.close($f.$tI); $f.$tI = undefined;
    em.emit(stmt(call(rt("close"), [it])));
    em.emitAssign(it, f.createVoidZero());
  }

  /** Target reference, read, default, then store (or nested pattern), in native order. */
  private element(el: Element, read: () => ts.Expression): void {
    const em = this.x.em;
    const nested = patternOf(el.target);
    const ref = nested === undefined ? this.reference(el.target) : undefined;
    if (el.init === undefined && (nested === undefined || !containsAwait(nested))) {
      // produces: $f.a = value.a;
      if (nested !== undefined) this.pattern(nested, read());
      else em.emitAssign(ref!, read());
      return;
    }
    const t = em.makeTemp();
    em.emitAssign(t, read());
    if (el.init !== undefined && !containsAwait(el.init)) {
      // produces: if ($f.$t0 === undefined) $f.$t0 = init;
      em.emit(f.createIfStatement(f.createStrictEquality(t, f.createVoidZero()), stmt(assign(t, named(rewriteExpression(this.x.fl, el.init), el.target)))));
    } else if (el.init !== undefined) {
      // produces: if ($f.$t0 !== undefined) jump skip; $f.$t0 = <init, exploded>; skip:
      const skip = em.loc();
      em.jumpIf(f.createStrictInequality(t, f.createVoidZero()), skip);
      this.x.viaTemp(el.init, true, t);
      em.mark(skip);
    }
    if (nested !== undefined) this.pattern(nested, t);
    else em.emitAssign(ref!, t);
  }

  /** The store target of a simple element; assignment patterns evaluate a member's object and key now. */
  private reference(target: ts.Expression | ts.BindingName): ts.Expression {
    if (this.assignment) return this.x.explodeTarget(target as ts.Expression, true);
    const name = target as ts.Identifier;
    return frameReference(this.x.fl, name) ?? name;
  }
}

function shapeOf(p: Pattern, report: (n: ts.Node, message: string) => void): Shape {
  if (ts.isObjectBindingPattern(p)) {
    const props: (Element & { key: ts.PropertyName })[] = [];
    let rest: Element | undefined;
    for (const el of p.elements) {
      if (el.dotDotDotToken) rest = { target: el.name, init: undefined };
      else props.push({ key: el.propertyName ?? (el.name as ts.Identifier), target: el.name, init: el.initializer });
    }
    return { kind: "object", props, rest };
  }
  if (ts.isArrayBindingPattern(p)) {
    let rest: Element | undefined;
    const elements: (Element | undefined)[] = [];
    for (const el of p.elements) {
      if (ts.isOmittedExpression(el)) elements.push(undefined);
      else if (el.dotDotDotToken) rest = { target: el.name, init: undefined };
      else elements.push({ target: el.name, init: el.initializer });
    }
    return { kind: "array", elements, rest };
  }
  if (ts.isObjectLiteralExpression(p)) {
    const props: (Element & { key: ts.PropertyName })[] = [];
    let rest: Element | undefined;
    for (const prop of p.properties) {
      if (ts.isPropertyAssignment(prop)) props.push({ key: prop.name, ...splitDefault(prop.initializer) });
      else if (ts.isShorthandPropertyAssignment(prop)) props.push({ key: prop.name, target: prop.name, init: prop.objectAssignmentInitializer });
      else if (ts.isSpreadAssignment(prop)) rest = { target: prop.expression, init: undefined };
      else report(prop, "not supported: a method in a destructuring pattern");
    }
    return { kind: "object", props, rest };
  }
  let rest: Element | undefined;
  const elements: (Element | undefined)[] = [];
  for (const el of p.elements) {
    if (ts.isOmittedExpression(el)) elements.push(undefined);
    else if (ts.isSpreadElement(el)) rest = { target: el.expression, init: undefined };
    else elements.push(splitDefault(el));
  }
  return { kind: "array", elements, rest };
}

function splitDefault(e: ts.Expression): Element {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return { target: e.left, init: e.right };
  return { target: e, init: undefined };
}

function patternOf(target: ts.Expression | ts.BindingName): Pattern | undefined {
  if (ts.isObjectBindingPattern(target) || ts.isArrayBindingPattern(target) || ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) return target;
  return undefined;
}

/** A literal property name as the key it denotes (`a` -> "a"; numbers convert as natively). */
function literalKey(name: ts.PropertyName): ts.Expression {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return str(name.text);
  if (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return str(name.text);
  if (ts.isNumericLiteral(name)) return f.createNumericLiteral(name.text);
  if (ts.isBigIntLiteral(name)) return str(BigInt(name.text.slice(0, -1)).toString());
  return f.createVoidZero();
}

/**
 * A default that is an anonymous function or class takes the name of its
 * identifier target, as natively (the store into a frame field would not name it).
 * produces: ({ ["a"]: () => 1 })["a"]
 */
function named(init: ts.Expression, target: ts.Expression | ts.BindingName): ts.Expression {
  if (!ts.isIdentifier(target)) return init;
  const anonymous = ts.isArrowFunction(init) || ((ts.isFunctionExpression(init) || ts.isClassExpression(init)) && init.name === undefined);
  if (!anonymous) return init;
  const key = str(target.text);
  return f.createElementAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createComputedPropertyName(key), init)])), str(target.text));
}
