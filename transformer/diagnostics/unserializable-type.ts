// The serializability rule of DESIGN.md's table ("Values and constructs"),
// decided from a static type: what the codec (runtime/codec) would refuse if a
// value of this type were in the frame at a durable await.
//
// Guarantees: a refusal only for types whose every value is refused at run
// time (platform classes with internal state, weak collections, iterators and
// async generators, local unique symbols, classes whose #private state the
// run time does not save: private-state-rule.ts), also when they sit in an array, a Map, a Set, a
// tuple or an object literal type. Leaves alone on purpose: any, unknown,
// type parameters, functions (decided from their origin, in
// check-frame-state.ts), interfaces that only describe a shape, and classes
// of other packages (the program may register them). Sync generator objects
// and the iterator types they are declared with are marked `byOrigin`: a
// lowered generator's are saved, so the expression that made the value
// decides (generator-origin.ts).
// Promises are returned as kind "promise": a durable helper's promise is fine,
// so the caller decides from where the value came from.
import ts = require("typescript");
import type { ProgramFacts } from "./program-facts.js";
import { privateStateRefusal } from "./private-state-rule.js";

export interface Refusal {
  kind: "promise" | "weak" | "iterator" | "generator" | "platform" | "private" | "symbol";
  /** What the value is, as the runtime names it ("WeakMap", "instance of class Socket"). */
  what: string;
  /** What to do instead. */
  fix: string;
  /** Where inside the local (".sock", "[number]"), empty for the local itself. */
  path: string;
  /** Refused only when the value is not a lowered generator's object: its origin decides (generator-origin.ts). */
  byOrigin?: true;
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
// Types a lowered sync generator's object can have (it is saved); async generators are never lowered.
const SYNC_GENERATORS = new Set(["Generator", "Iterator", "IterableIterator", "IteratorObject"]);
const ITERATORS = new Set([
  "MapIterator", "SetIterator", "ArrayIterator", "StringIterator",
  "RegExpStringIterator", "AsyncIterator", "AsyncIterableIterator", "AsyncIteratorObject", "BuiltinIterator",
]);

const FIX = {
  promise: "a promise of ordinary work cannot be saved, even once settled: await the work without keeping its promise (`const r = await work()`), or make it a durable call or a durable helper",
  weak: "weak collections and references cannot be saved; keep the data in a Map or Set, or rebuild it after the await",
  iterator: "iterate over the collection itself (for-of keeps its position), or over a copy made with [...]",
  generator: "consume it before the durable await, or collect its values into an array",
  generatorNative: "only generators declared outside any function in a module with durable code are saved; declare the generator there, consume it before the durable await, or collect its values into an array",
  platform: "its state lives in the platform, not in the object; keep plain data (an id, a URL, options) and re-create it after the await",
  symbol: "a symbol made inside the function is not the same after a resume; use Symbol.for(key) or declare it at module level",
} as const;

const refusals = new WeakMap<ProgramFacts, Map<ts.Type, Refusal | undefined>>();

/** The refusal of the first value of type `t` the codec would refuse, if every such value is refused. */
export function refusalOf(facts: ProgramFacts, t: ts.Type, path = "", depth = 0, seen?: Set<ts.Type>): Refusal | undefined {
  if (seen === undefined && path === "" && depth === 0) {
    // The answer for a type depends on the type alone: asked once per type and program.
    let memo = refusals.get(facts);
    if (memo === undefined) refusals.set(facts, (memo = new Map()));
    if (memo.has(t)) return memo.get(t);
    const r = refusalOf(facts, t, path, depth, new Set());
    memo.set(t, r);
    return r;
  }
  seen ??= new Set();
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
    if (name === "AsyncGenerator") return { kind: "generator", what: "async generator object", fix: FIX.generator, path };
    if (SYNC_GENERATORS.has(name)) {
      const generator = name === "Generator";
      return { kind: generator ? "generator" : "iterator", what: generator ? "generator object" : "iterator", fix: generator ? FIX.generatorNative : FIX.iterator, path, byOrigin: true };
    }
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
    const p = privateStateRefusal(facts, t);
    if (p !== undefined) return { kind: "private", what: p.what, fix: p.fix, path };
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

function localSymbol(t: ts.Type, path: string): Refusal | undefined {
  const decl = t.getSymbol()?.valueDeclaration;
  if (decl === undefined) return undefined;
  for (let p: ts.Node | undefined = decl.parent; p !== undefined; p = p.parent) {
    if (ts.isFunctionLike(p)) return { kind: "symbol", what: "symbol made by Symbol()", fix: FIX.symbol, path };
  }
  return undefined;
}
