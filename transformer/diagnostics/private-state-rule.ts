// Whether the run time saves an instance with #private state: the rule of
// transformer/private-state.ts (which classes get the registration and the
// restore guards) and runtime/engine/private-state.ts (what it refuses), asked
// of a class type. An instance is saved when every class from its own class
// up to the last one with #private members is registered (declared in a module
// with durable code, and either with #private members of its own or on an
// extends chain of such a class within its file), and its own class is a
// top-level binding of its module (a resume finds it by reference).
//
// A chain that reaches a built-in other than Object, Array, the errors, Map,
// Set and Date is refused: the run time does not copy its internal state. So is
// a #private class extending a class of a module without durable code: the run
// time cannot tell whether that class has #private fields of its own.
// Leaves alone: chains that reach another class of a declaration file (another
// package may register it), and classes with toDurable() and a static
// fromDurable() (the codec calls them).
import ts = require("typescript");
import { findPrivateStateClasses } from "../private-state.js";
import { memoOf, type ProgramFacts } from "./program-facts.js";
import { isPlatformSymbol } from "./unserializable-type.js";

export interface PrivateRefusal {
  what: string;
  fix: string;
}

/** Built-in bases whose state the run time restores under a #private class (runtime/engine/private-state.ts). */
const KEPT_BASES = new Set(["Object", "Array", "Map", "Set", "Date", "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "AggregateError"]);

const OR_DURABLE = "or give the class toDurable() and a static fromDurable(), or use a `private` (TypeScript) field";

/** Why instances of class type `t` (a class of the program, declared at module level) are not saved with their #private state. */
export function privateStateRefusal(facts: ProgramFacts, t: ts.Type): PrivateRefusal | undefined {
  if (t.getProperty("toDurable") !== undefined) {
    const ctor = t.getSymbol()?.valueDeclaration;
    const staticSide = ctor !== undefined ? facts.checker.getTypeOfSymbolAtLocation(t.getSymbol()!, ctor) : undefined;
    if (staticSide?.getProperty("fromDurable") !== undefined) return undefined;
  }
  const chain: ts.ClassLikeDeclaration[] = [];
  let above: ts.Type | undefined;
  for (let c: ts.Type | undefined = t; c !== undefined && chain.length < 20; c = baseClass(c)) {
    const decl = c.getSymbol()?.declarations?.find(ts.isClassLike);
    if (decl === undefined || decl.getSourceFile().isDeclarationFile) {
      above = c;
      break;
    }
    chain.push(decl);
  }
  let last = -1;
  chain.forEach((d, i) => hasPrivateMembers(d) && (last = i));
  if (last < 0) return undefined;
  const own = chain[0]!;
  const ownName = nameOf(own);
  // The run time restores the chain by construction: a built-in at its top keeps only what
  // runtime/engine/private-state.ts copies (own properties, Map/Set entries, a Date's time).
  const builtin = above?.getSymbol();
  if (builtin !== undefined && isPlatformSymbol(facts, builtin) && !KEPT_BASES.has(builtin.getName())) {
    return {
      what: `instance of class ${ownName} (it has #private state and extends ${builtin.getName()}, a built-in whose internal state is not saved with it)`,
      fix: `give ${ownName} toDurable() and a static fromDurable() that save and rebuild the ${builtin.getName()}'s contents, or keep plain data and re-create the object after the await`,
    };
  }
  for (let i = 0; i <= last; i++) {
    const d = chain[i]!;
    if (isRegistered(facts, d)) continue;
    if (hasPrivateMembers(d)) {
      const which = i === 0 ? "it has #private members" : `its base class ${nameOf(d)} has #private members`;
      return {
        what: `instance of class ${ownName} (${which}, declared in a module without durable code)`,
        fix: `#private fields are saved only for classes of a module with durable code; declare ${nameOf(d)} in such a module (or add "use durable" to its module), ${OR_DURABLE}`,
      };
    }
    const base = chain.slice(i + 1, last + 1).find(hasPrivateMembers)!;
    return {
      what: `instance of class ${ownName} (${i === 0 ? "it" : `its base class ${nameOf(d)}`} extends ${nameOf(base)}, which has #private members, from another module)`,
      fix: `a subclass is saved with the #private fields of its base classes when it is declared in the module of ${nameOf(base)} (or has #private members of its own, in a module with durable code); move it there, ${OR_DURABLE}`,
    };
  }
  // Above the last #private class the run time accepts registered classes and top-level classes
  // of modules with durable code (which would be registered if they had #private members); of
  // any other class it cannot know whether it has #private fields, and it refuses it.
  for (let i = last + 1; i < chain.length; i++) {
    const d = chain[i]!;
    if (isRegistered(facts, d) || (facts.hasDurableCode(d.getSourceFile()) && isTopLevel(d))) continue;
    return {
      what: `instance of class ${ownName} (it has #private state and extends ${nameOf(d)}, a class of a module without durable code)`,
      fix: `the run time cannot see whether ${nameOf(d)} has #private fields, so it does not save the chain; declare ${nameOf(d)} in a module with durable code, ${OR_DURABLE}`,
    };
  }
  if (!isTopLevel(own)) {
    return {
      what: `instance of class ${ownName} (it has #private state, and the class is not declared at the top level of its module)`,
      fix: `a resume finds the class by its top-level name; move the class to the top level of its module, ${OR_DURABLE}`,
    };
  }
  return undefined;
}

function hasPrivateMembers(c: ts.ClassLikeDeclaration): boolean {
  return c.members.some((m) => m.name !== undefined && ts.isPrivateIdentifier(m.name) && (ts.getCombinedModifierFlags(m as ts.Declaration) & ts.ModifierFlags.Static) === 0);
}

/** Whether the transformer gives the class the static block that registers it. */
function isRegistered(facts: ProgramFacts, c: ts.ClassLikeDeclaration): boolean {
  const sf = c.getSourceFile();
  if (!facts.hasDurableCode(sf)) return false;
  const memo = memoOf<Set<ts.Node>>(facts, "privateStateClasses");
  let classes = memo.get(sf);
  if (classes === undefined) memo.set(sf, (classes = findPrivateStateClasses(sf)));
  return classes.has(c);
}

/**
 * Whether the class may be a top-level binding (what `$m.refs` registers). Only a declaration in
 * a block is known not to be one (classes inside functions are reported as local classes); a class
 * expression may be assigned to a top-level binding anywhere, which the run time sees.
 */
function isTopLevel(c: ts.ClassLikeDeclaration): boolean {
  return !ts.isClassDeclaration(c) || ts.isSourceFile(c.parent);
}

function nameOf(c: ts.ClassLikeDeclaration): string {
  if (c.name !== undefined) return c.name.text;
  const p = c.parent;
  return ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : "(anonymous)";
}

function baseClass(t: ts.Type): ts.Type | undefined {
  if (!(t.flags & ts.TypeFlags.Object) || !((t as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Reference))) return undefined;
  const target = (t as ts.TypeReference).target ?? t;
  if (!(target as ts.InterfaceType).objectFlags || !((target as ts.ObjectType).objectFlags & ts.ObjectFlags.Class)) return undefined;
  const bases = t.getBaseTypes?.() ?? [];
  return bases[0];
}
