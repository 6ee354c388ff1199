// `#private` state of instances held across awaits. JavaScript gives no way to
// read private fields from outside their class, nor to add them to an object
// that the class did not construct, so the compiler helps, for each class of a
// transformed module that has private instance elements:
// - a static block registers a reader and a writer of its private fields
//   (runtime/engine/private-state.ts saves them with the instance);
// - restoring an instance constructs it with `new C()` while the runtime says it
//   is restoring: the constructor returns at once (a derived one after `super()`)
//   and instance field initializers are skipped, so no user code runs, and the
//   object gets its private fields (and brand) from the class itself.
// Classes of the file that extend such a class, or that it extends, get the
// same constructor and initializer guards (their constructors run on restore too).
//
// produces:
//   class Account {
//     #balance = $rt.restoring() ? void 0 : 0;
//     constructor(a) { if ($rt.restoring()) return; ... }
//     static { $rt.privateState(this, (o) => [o.#balance], (o, v) => { o.#balance = v[0]; }); }
//   }
import ts = require("typescript");
import { assign, call, id, rt, stmt } from "./factory.js";

const f = ts.factory;

type ClassLike = ts.ClassDeclaration | ts.ClassExpression;

const isStatic = (m: ts.ClassElement): boolean => (ts.getCombinedModifierFlags(m as ts.Declaration) & ts.ModifierFlags.Static) !== 0;

/** Private instance fields (state) and whether the class has any private instance element (a brand). */
function privateElements(c: ClassLike): { fields: string[]; branded: boolean } {
  const fields: string[] = [];
  let branded = false;
  for (const m of c.members) {
    if (isStatic(m) || m.name === undefined || !ts.isPrivateIdentifier(m.name)) continue;
    branded = true;
    if (ts.isPropertyDeclaration(m)) fields.push(m.name.text);
  }
  return { fields, branded };
}

/**
 * The classes of the file that need the guards: those with private instance
 * elements, and the classes of the file on the same `extends` chains.
 */
export function findPrivateStateClasses(sf: ts.SourceFile): Set<ts.Node> {
  const classes: ClassLike[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) classes.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const byName = new Map<string, ClassLike>();
  for (const c of classes) if (c.name !== undefined) byName.set(c.name.text, c);
  const base = (c: ClassLike): ClassLike | undefined => {
    const h = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    return h !== undefined && ts.isIdentifier(h) ? byName.get(h.text) : undefined;
  };
  const out = new Set<ts.Node>(classes.filter((c) => privateElements(c).branded));
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of classes) {
      const b = base(c);
      if (b === undefined || out.has(b) === out.has(c)) continue;
      out.add(b);
      out.add(c);
      changed = true;
    }
  }
  return out;
}

/** The class (already visited by the lowering) with the guards and the registration. */
export function addPrivateState(original: ClassLike, visited: ClassLike): ClassLike {
  const derived = original.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
  const restoring = (): ts.Expression => call(rt("restoring"), []);
  const members: ts.ClassElement[] = visited.members.map((m) => {
    if (ts.isPropertyDeclaration(m) && !isStatic(m) && m.initializer !== undefined) {
      // produces: x = $rt.restoring() ? void 0 : init;
      const init = f.createConditionalExpression(restoring(), undefined, f.createVoidZero(), undefined, f.createParenthesizedExpression(m.initializer));
      return f.updatePropertyDeclaration(m, m.modifiers, m.name, m.questionToken ?? m.exclamationToken, m.type, init);
    }
    if (ts.isConstructorDeclaration(m) && m.body !== undefined) {
      // produces: if ($rt.restoring()) return;   or, derived:  if ($rt.restoring()) { super(); return; }
      const leave = derived ? f.createBlock([stmt(f.createCallExpression(f.createSuper(), undefined, [])), f.createReturnStatement()], true) : f.createReturnStatement();
      const guard = f.createIfStatement(restoring(), leave);
      return f.updateConstructorDeclaration(m, m.modifiers, m.parameters, f.updateBlock(m.body, [guard, ...m.body.statements]));
    }
    return m;
  });
  const { fields, branded } = privateElements(original);
  const args: ts.Expression[] = [f.createThis()];
  if (branded) {
    const o = (): ts.Identifier => id("o");
    const read = (name: string): ts.Expression => f.createPropertyAccessExpression(o(), f.createPrivateIdentifier(name));
    // produces: (o) => [o.#a, o.#b]   and   (o, v) => { o.#a = v[0]; o.#b = v[1]; }
    args.push(f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, "o")], undefined, undefined, f.createArrayLiteralExpression(fields.map(read))));
    const writes = fields.map((name, i) => stmt(assign(read(name), f.createElementAccessExpression(id("v"), i))));
    args.push(f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, "o"), f.createParameterDeclaration(undefined, undefined, "v")], undefined, undefined, f.createBlock(writes, true)));
  }
  // produces: static { $rt.privateState(this, read, write); }   (just `this` for a class that is only on the chain)
  members.push(f.createClassStaticBlockDeclaration(f.createBlock([stmt(call(rt("privateState"), args))], true)));
  return ts.isClassDeclaration(visited)
    ? f.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members)
    : f.updateClassExpression(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members);
}
