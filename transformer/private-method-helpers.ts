// Durable async private methods (`async #m()` in a "use durable" file).
//
// A public durable method is wrapped in place once its class exists
// (`methodHelper`), but a private method cannot be replaced. So its lowered
// body moves to a static private method of the same class (still inside the
// class body: it reaches the private names), and `#m` becomes a private getter
// that returns the helper wrapping that body, made once by a static block
// that runs before the class's other static code:
//   get #m() { return $rt.privateHelper($dN); }
//   static async #m$body(x) { ...lowered body... }    (called with the instance as `this`)
//   static { $rt.privateMethodHelper($dN, this.#m$body, "#m"); }
// `this.#m(x)` then calls the wrapper with the instance as `this`, which the
// wrapper passes on; `this.#m` is one function for every instance (as a
// method is), named "#m"; `#m in o` checks the same brand. Writes to `#m`
// throw a TypeError in both forms.
// Leaves alone: an instance method whose body uses `super` (a static body's
// `super` is another object), and decorated methods (their decorator wraps them).
import ts = require("typescript");
import { call, rt, stmt, str } from "./factory.js";
import { isFunctionBoundary } from "./contains-await.js";

const f = ts.factory;

type ClassLike = ts.ClassDeclaration | ts.ClassExpression;

/** The visited class with its durable private methods turned into helper getters (`visited.members` match `original.members` one to one). */
export function withPrivateMethodHelpers(original: ClassLike, visited: ClassLike, descriptorOf: (member: ts.Node) => ts.Identifier | undefined): ClassLike {
  const members: ts.ClassElement[] = [];
  const registrations: ts.Statement[] = [];
  original.members.forEach((m, i) => {
    const out = visited.members[i]!;
    const d = descriptorOf(m);
    if (d === undefined || !ts.isMethodDeclaration(m) || !ts.isPrivateIdentifier(m.name) || !ts.isMethodDeclaration(out) || m.asteriskToken !== undefined || ts.getDecorators(m) !== undefined) {
      members.push(out);
      return;
    }
    const isStatic = (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) !== 0;
    if (!isStatic && usesSuper(m)) {
      members.push(out);
      return;
    }
    const name = m.name.text;
    const bodyName = f.createPrivateIdentifier(`${name}$body`);
    // `static` goes before `async`.
    const staticMods = (mods: readonly ts.ModifierLike[] | undefined): ts.ModifierLike[] => [f.createModifier(ts.SyntaxKind.StaticKeyword), ...(mods ?? []).filter((x) => x.kind !== ts.SyntaxKind.StaticKeyword)];
    // produces: get #m() { return $rt.privateHelper($dN); }
    const getterMods = isStatic ? [f.createModifier(ts.SyntaxKind.StaticKeyword)] : undefined;
    members.push(f.createGetAccessorDeclaration(getterMods, f.createPrivateIdentifier(name), [], undefined, f.createBlock([f.createReturnStatement(call(rt("privateHelper"), [d]))], true)));
    // produces: static async #m$body(...) { ... }
    members.push(f.updateMethodDeclaration(out, staticMods(ts.getModifiers(out)), out.asteriskToken, bodyName, out.questionToken, out.typeParameters, out.parameters, out.type, out.body));
    // produces: $rt.privateMethodHelper($dN, this.#m$body, "#m");
    registrations.push(stmt(call(rt("privateMethodHelper"), [d, f.createPropertyAccessExpression(f.createThis(), bodyName), str(name)])));
  });
  if (registrations.length === 0) return visited;
  // First of the class's static code: static initializers may already call the method.
  const all = [f.createClassStaticBlockDeclaration(f.createBlock(registrations, true)), ...members];
  return ts.isClassDeclaration(visited)
    ? f.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, all)
    : f.updateClassExpression(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, all);
}

function usesSuper(m: ts.MethodDeclaration): boolean {
  const visit = (n: ts.Node): boolean => {
    if (n.kind === ts.SyntaxKind.SuperKeyword) return true;
    if (isFunctionBoundary(n) && !ts.isArrowFunction(n)) return false;
    return ts.forEachChild(n, visit) === true;
  };
  return m.body !== undefined && ts.forEachChild(m.body, visit) === true;
}
