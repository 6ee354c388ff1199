// The serializability rule of DESIGN.md's table ("Values and constructs"),
// decided from a static type: what the codec (runtime/codec) would refuse if a
// value of this type were in the frame at a durable await.
//
// Guarantees: a refusal only for types whose every value is refused at run
// time (platform classes with internal state, weak collections, iterators and
// generators, local unique symbols, classes with #private state and no
// toDurable/fromDurable), also when they sit in an array, a Map, a Set, a
// tuple or an object literal type. Leaves alone on purpose: any, unknown,
// type parameters, functions (decided from their origin, in
// check-frame-state.ts), interfaces that only describe a shape, and classes
// of other packages (the program may register them).
// Promises are returned as kind "promise": a durable helper's promise is fine,
// so the caller decides from where the value came from.
import ts from "typescript";
import type { ProgramFacts } from "./program-facts.js";

export interface Refusal {
  kind: "promise" | "weak" | "iterator" | "generator" | "platform" | "private" | "symbol";
  /** What the value is, as the runtime names it ("WeakMap", "instance of class Socket"). */
  what: string;
  /** What to do instead. */
  fix: string;
  /** Where inside the local (".sock", "[number]"), empty for the local itself. */
  path: string;
}

/** Built-ins the codec copies exactly (runtime/codec/builtin-kinds.ts). */
const COPIED = new Set([
  "Object", "Array", "ReadonlyArray", "Map", "ReadonlyMap", "Set", "ReadonlySet", "Date", "RegExp",
  "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "AggregateError",
  "ArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
  "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "Buffer",
  "Number", "String", "Boolean", "BigInt", "Symbol", "URL", "Function", "CallableFunction", "NewableFunction",
]);

const WEAK = new Set(["WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry"]);
// Generator objects are refused today, also those of generators declared in transformed modules
// (DESIGN.md plans to transform and save those: when that lands, exempt them here by origin).
const GENERATORS = new Set(["Generator", "AsyncGenerator"]);
const ITERATORS = new Set([
  "Iterator", "IterableIterator", "IteratorObject", "MapIterator", "SetIterator", "ArrayIterator", "StringIterator",
  "RegExpStringIterator", "AsyncIterator", "AsyncIterableIterator", "AsyncIteratorObject", "BuiltinIterator",
]);

const FIX = {
  promise: "a promise of ordinary work cannot be saved, even once settled: await the work without keeping its promise (`const r = await work()`), or make it a durable call or a durable helper",
  weak: "weak collections and references cannot be saved; keep the data in a Map or Set, or rebuild it after the await",
  iterator: "iterate over the collection itself (for-of keeps its position), or over a copy made with [...]",
  generator: "consume it before the durable await, or collect its values into an array",
  platform: "its state lives in the platform, not in the object; keep plain data (an id, a URL, options) and re-create it after the await",
  private: "#private fields are not saved with the instance; give the class toDurable() and a static fromDurable(), or use a `private` (TypeScript) field",
  symbol: "a symbol made inside the function is not the same after a resume; use Symbol.for(key) or declare it at module level",
} as const;

/** The refusal of the first value of type `t` the codec would refuse, if every such value is refused. */
export function refusalOf(facts: ProgramFacts, t: ts.Type, path = "", depth = 0, seen: Set<ts.Type> = new Set()): Refusal | undefined {
  if (depth > 3 || seen.has(t)) return undefined;
  seen.add(t);
  const flags = t.flags;
  if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Never)) return undefined;
  if (flags & ts.TypeFlags.UniqueESSymbol) return localSymbol(t, path);
  if (t.isUnion()) {
    for (const m of t.types) {
      const r = refusalOf(facts, m, path, depth, seen);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (t.isIntersection()) {
    if (facts.isDurableCallType(t)) return undefined;
    for (const m of t.types) {
      const r = refusalOf(facts, m, path, depth, seen);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (!(flags & ts.TypeFlags.Object)) return undefined;
  if (facts.isDurableCallType(t)) return undefined;
  const symbol = t.getSymbol() ?? t.aliasSymbol;
  const name = symbol?.getName();
  if (symbol !== undefined && name !== undefined && isPlatformSymbol(facts, symbol)) {
    if (name === "Promise") return { kind: "promise", what: "Promise", fix: FIX.promise, path };
    if (WEAK.has(name)) return { kind: "weak", what: name, fix: FIX.weak, path };
    if (GENERATORS.has(name)) return { kind: "generator", what: name === "Generator" ? "generator object" : "async generator object", fix: FIX.generator, path };
    if (ITERATORS.has(name)) return { kind: "iterator", what: "iterator", fix: FIX.iterator, path };
    if (name === "SharedArrayBuffer") return { kind: "platform", what: name, fix: "shared memory cannot be saved; copy it into an ArrayBuffer", path };
    if (COPIED.has(name)) return containerRefusal(facts, t, name, path, depth, seen);
    if (isConstructible(facts, symbol)) return { kind: "platform", what: `instance of class ${name}`, fix: FIX.platform, path };
    return undefined;
  }
  if (symbol !== undefined && (symbol.flags & ts.SymbolFlags.Class) !== 0 && isUserClass(symbol)) {
    if (isLocalClass(symbol) && !isErrorClass(facts, t)) {
      return { kind: "platform", what: `instance of class ${name}, declared inside a function`, fix: "only classes declared at module level (or registered) can be saved with their instances; move the class to module level", path };
    }
    const cls = privateStateClass(facts, t);
    if (cls !== undefined) return { kind: "private", what: `instance of class ${name}${cls !== name ? ` (its base class ${cls} has #private members)` : " (it has #private members)"}`, fix: FIX.private, path };
    return undefined;
  }
  // Tuples, and object literal types: plain data whose members are all saved.
  if (facts.checker.isTupleType(t)) {
    const args = facts.checker.getTypeArguments(t as ts.TypeReference);
    for (let i = 0; i < args.length; i++) {
      const r = refusalOf(facts, args[i]!, `${path}[${i}]`, depth + 1, seen);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (symbol !== undefined && (symbol.flags & (ts.SymbolFlags.TypeLiteral | ts.SymbolFlags.ObjectLiteral)) !== 0 && t.getCallSignatures().length === 0) {
    for (const p of t.getProperties()) {
      const decl = p.valueDeclaration;
      if (decl === undefined) continue;
      const pt = facts.checker.getTypeOfSymbolAtLocation(p, decl);
      const r = refusalOf(facts, pt, `${path}.${p.getName()}`, depth + 1, seen);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

/** Arrays, Maps and Sets are copied with their contents: the contents decide. */
function containerRefusal(facts: ProgramFacts, t: ts.Type, name: string, path: string, depth: number, seen: Set<ts.Type>): Refusal | undefined {
  if (!["Array", "ReadonlyArray", "Map", "ReadonlyMap", "Set", "ReadonlySet"].includes(name)) return undefined;
  const args = facts.checker.getTypeArguments(t as ts.TypeReference);
  const segments = name.endsWith("Map") ? [`${path}<map key>`, `${path}.get(...)`] : [name.endsWith("Set") ? `${path}<set member>` : `${path}[number]`];
  for (let i = 0; i < Math.min(args.length, segments.length); i++) {
    const r = refusalOf(facts, args[i]!, segments[i]!, depth + 1, seen);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Declared by the platform: the default library, Node's types, or the fetch implementation Node's types use. */
export function isPlatformSymbol(facts: ProgramFacts, s: ts.Symbol): boolean {
  const decls = s.declarations ?? [];
  if (decls.length === 0) return false;
  return decls.every((d) => {
    const sf = d.getSourceFile();
    const f = sf.fileName.replace(/\\/g, "/");
    return facts.program.isSourceFileDefaultLibrary(sf) || f.includes("/node_modules/@types/node/") || f.includes("/node_modules/undici-types/");
  });
}

/** A class, or an interface with a global constructor of the same name (how the library declares built-ins). */
function isConstructible(facts: ProgramFacts, s: ts.Symbol): boolean {
  if ((s.flags & ts.SymbolFlags.Class) !== 0) return true;
  if ((s.flags & ts.SymbolFlags.Variable) === 0 || s.valueDeclaration === undefined) return false;
  return facts.checker.getTypeOfSymbolAtLocation(s, s.valueDeclaration).getConstructSignatures().length > 0;
}

/** A class declared inside a function: not a module-level binding, so state cannot refer to it. */
function isLocalClass(s: ts.Symbol): boolean {
  const decl = s.declarations?.find(ts.isClassLike);
  for (let p = decl?.parent; p !== undefined; p = p.parent) if (ts.isFunctionLike(p)) return true;
  return false;
}

/** Errors of unregistered classes are copied as their built-in base (runtime/codec/encode-instances.ts). */
function isErrorClass(facts: ProgramFacts, t: ts.Type): boolean {
  for (let c: ts.Type | undefined = t, i = 0; c !== undefined && i < 20; c = c.getBaseTypes?.()?.[0], i++) {
    const s = c.getSymbol();
    if (s !== undefined && s.getName() === "Error" && isPlatformSymbol(facts, s)) return true;
    if (!(c.flags & ts.TypeFlags.Object) || !(((c as ts.TypeReference).target ?? c) as ts.ObjectType).objectFlags || !((((c as ts.TypeReference).target ?? c) as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Interface))) return false;
  }
  return false;
}

function isUserClass(s: ts.Symbol): boolean {
  return (s.declarations ?? []).some((d) => ts.isClassLike(d) && !d.getSourceFile().isDeclarationFile);
}

/**
 * The class on the instance's chain that declares #private members, unless the
 * instance's class gives itself toDurable() and a static fromDurable().
 */
function privateStateClass(facts: ProgramFacts, t: ts.Type): string | undefined {
  if (t.getProperty("toDurable") !== undefined) {
    const ctor = t.getSymbol()?.valueDeclaration;
    const staticSide = ctor !== undefined ? facts.checker.getTypeOfSymbolAtLocation(t.getSymbol()!, ctor) : undefined;
    if (staticSide?.getProperty("fromDurable") !== undefined) return undefined;
  }
  for (let c: ts.Type | undefined = t; c !== undefined; c = baseClass(c)) {
    const decl = c.getSymbol()?.declarations?.find(ts.isClassLike);
    if (decl === undefined || decl.getSourceFile().isDeclarationFile) return undefined;
    const hasPrivate = decl.members.some((m) => m.name !== undefined && ts.isPrivateIdentifier(m.name) && !ts.isClassStaticBlockDeclaration(m) && (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) === 0);
    if (hasPrivate) return c.getSymbol()!.getName();
  }
  return undefined;
}

function baseClass(t: ts.Type): ts.Type | undefined {
  if (!(t.flags & ts.TypeFlags.Object) || !((t as ts.ObjectType).objectFlags & (ts.ObjectFlags.Class | ts.ObjectFlags.Reference))) return undefined;
  const target = (t as ts.TypeReference).target ?? t;
  if (!(target as ts.InterfaceType).objectFlags || !((target as ts.ObjectType).objectFlags & ts.ObjectFlags.Class)) return undefined;
  const bases = t.getBaseTypes?.() ?? [];
  return bases[0];
}

function localSymbol(t: ts.Type, path: string): Refusal | undefined {
  const decl = t.getSymbol()?.valueDeclaration;
  if (decl === undefined) return undefined;
  for (let p: ts.Node | undefined = decl.parent; p !== undefined; p = p.parent) {
    if (ts.isFunctionLike(p)) return { kind: "symbol", what: "symbol made by Symbol()", fix: FIX.symbol, path };
  }
  return undefined;
}
