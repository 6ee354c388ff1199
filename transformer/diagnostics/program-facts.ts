// What the type-based checks ask of the whole program, answered once per
// program and cached: which symbols are the dispatch-ts API (resolved by
// symbol through imports and re-exports, never by name), which functions are
// durable (findDurable run on the file that declares them), and which
// function a call expression invokes.
//
// Assumes: the nodes it is given belong to the program's own source files
// (the tspc plugin transforms exactly those, before any other transformer).
import ts = require("typescript");
import { findDurable, loweredRoles, RUNTIME_MODULE, unwrap, type DurableRole } from "../find-durable.js";
import { isFunctionBoundary } from "../contains-await.js";

export interface ProgramFacts {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly mode: "marked" | "all-async";
  /** The dispatch-ts export a call invokes (`function`, `sleep`, `gather`, ...), if any. */
  apiOf(callee: ts.Expression): string | undefined;
  /** Whether a type is a durable call (`Call<R>`, what a dispatch.function returns). */
  isDurableCallType(t: ts.Type): boolean;
  /** The function-like declaration a call invokes, when the checker can name one with a body. */
  calleeOf(call: ts.CallExpression | ts.NewExpression): ts.FunctionLikeDeclaration | undefined;
  /** The durable role of a function-like node (the file's own findDurable answer). */
  roleOf(fn: ts.Node): DurableRole | undefined;
  /** findDurable's answer for a whole file, computed once per file. */
  rolesOf(sf: ts.SourceFile): ReadonlyMap<ts.Node, DurableRole>;
  /** Whether the transformer lowers something in the file (so its generators and #private classes are saved). */
  hasDurableCode(sf: ts.SourceFile): boolean;
  /** Scratch space for the checks' own memo tables, per program. */
  readonly memo: Map<string, Map<ts.Node, unknown>>;
}

const cache = new WeakMap<ts.Program, ProgramFacts>();

export function programFacts(program: ts.Program, mode: "marked" | "all-async"): ProgramFacts {
  const hit = cache.get(program);
  if (hit !== undefined && hit.mode === mode) return hit;
  const checker = program.getTypeChecker();
  let api: Map<ts.Symbol, string> | undefined;
  let callAlias: ts.Declaration | undefined;

  const resolve = (s: ts.Symbol | undefined): ts.Symbol | undefined => {
    if (s !== undefined && (s.flags & ts.SymbolFlags.Alias) !== 0) {
      try {
        return checker.getAliasedSymbol(s);
      } catch {
        return s;
      }
    }
    return s;
  };

  /** The exports of "dispatch-ts" as this program resolves it (from any file that imports it). */
  const apiSymbols = (): Map<ts.Symbol, string> => {
    if (api !== undefined) return api;
    api = new Map();
    for (const sf of program.getSourceFiles()) {
      if (sf.isDeclarationFile) continue;
      for (const s of sf.statements) {
        if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== RUNTIME_MODULE) continue;
        const mod = checker.getSymbolAtLocation(s.moduleSpecifier);
        if (mod === undefined) continue;
        for (const e of checker.getExportsOfModule(mod)) {
          const target = resolve(e) ?? e;
          api.set(target, e.name);
          if (e.name === "Call") callAlias = target.declarations?.[0];
        }
        return api;
      }
    }
    return api;
  };

  /** The function-like declaration with a body that a call invokes, when the checker names one. */
  // Several checks ask about the same callee: one symbol lookup each.
  const symbols = new Map<ts.Node, ts.Symbol | undefined>();
  const symbolOf = (e: ts.Expression): ts.Symbol | undefined => {
    if (symbols.has(e)) return symbols.get(e);
    const s = resolve(checker.getSymbolAtLocation(e));
    symbols.set(e, s);
    return s;
  };
  const calleeOfCall = (call: ts.CallExpression | ts.NewExpression): ts.FunctionLikeDeclaration | undefined => {
    const s = symbolOf(unwrap(call.expression));
    const decl = s?.valueDeclaration ?? s?.declarations?.[0];
    if (decl === undefined) return undefined;
    let fn: ts.Node = decl;
    if (ts.isVariableDeclaration(decl) && decl.initializer !== undefined) {
      fn = unwrap(decl.initializer);
      // const h = dispatch.durable(async function h() {...}): the function is the last argument.
      if (ts.isCallExpression(fn)) {
        const last = fn.arguments[fn.arguments.length - 1];
        if (last === undefined) return undefined;
        fn = unwrap(last);
      }
    } else if (ts.isPropertyAssignment(decl)) fn = unwrap(decl.initializer);
    if (!isFunctionBoundary(fn) || ts.isPropertyDeclaration(fn)) return undefined;
    const f = fn as ts.FunctionLikeDeclaration;
    return f.body === undefined ? undefined : f;
  };
  const calleeMemo = new Map<ts.Node, ts.FunctionLikeDeclaration | undefined>();

  const facts: ProgramFacts = {
    program,
    checker,
    mode,
    memo: new Map(),
    apiOf(callee) {
      const names = apiSymbols();
      if (names.size === 0) return undefined;
      const s = symbolOf(callee);
      return s === undefined ? undefined : names.get(s);
    },
    isDurableCallType(t) {
      apiSymbols();
      if (callAlias === undefined) return false;
      const prop = t.getProperty("function");
      const decl = prop?.declarations?.[0];
      for (let p: ts.Node | undefined = decl; p !== undefined; p = p.parent) if (p === callAlias) return true;
      return false;
    },
    calleeOf(call) {
      if (calleeMemo.has(call)) return calleeMemo.get(call);
      const fn = calleeOfCall(call);
      calleeMemo.set(call, fn);
      return fn;
    },
    roleOf(fn) {
      const sf = fn.getSourceFile();
      if (sf === undefined || sf.isDeclarationFile) return undefined;
      return facts.rolesOf(sf).get(fn);
    },
    rolesOf(sf) {
      return findDurable(sf, mode);
    },
    hasDurableCode(sf) {
      return !sf.isDeclarationFile && loweredRoles(sf, mode).size > 0;
    },
  };
  cache.set(program, facts);
  return facts;
}

/** A memo table of the checks, keyed by node, kept for the program's lifetime. */
export function memoOf<T>(facts: ProgramFacts, name: string): Map<ts.Node, T> {
  let m = facts.memo.get(name);
  if (m === undefined) facts.memo.set(name, (m = new Map()));
  return m as Map<ts.Node, T>;
}
