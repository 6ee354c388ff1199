// Environments of native locals that closures capture.
//
// Inside a durable body, bindings of scopes without an await stay native
// locals (no frame field), and so do the locals and parameters of nested
// functions that are not durable (`const makeCounter = (start) => { let n = start;
// return () => n++; }`). A closure over such a binding could not be lifted:
// its factory cannot reach a native local. So a captured native binding moves
// into a plain object made on every entry of its scope, a native variable
// (`const $n0 = { start, n: undefined }`), read as `$n0.n`; a lifted closure
// gets the object it was created with as part of its environment
// (`$rt.closure($f, $d0, 1, $n0)`), and state writes the object with shared
// identity, so closures sharing a binding still share it after a resume.
// Natively each entry of a block, each call of a function and each iteration
// of a loop has fresh bindings: each gets a fresh object (a classic for loop
// copies it before the increment, as CreatePerIterationEnvironment does).
// Supported: let/const/var declarations and identifier parameters, in function
// bodies, blocks and loop heads; and `this` / `arguments` of a plain function
// or method read by arrows in it (`$n0.$this`, `$n0.$args`). Left native (a closure over them is not
// lifted, and the state refuses it at the suspension with its path): function
// and class declarations, catch and switch-case bindings, pattern parameters, the
// parameters of a function whose defaults make closures (they run before the body),
// the function expression's own name, and everything outside a durable body
// with an await. A binding that some reference can reach before its
// declaration runs starts as the uninitialized sentinel in the object, and
// those references are checked (tdz.ts), as for frame fields.
import ts = require("typescript");
import { containsAwait, isFunctionBoundary } from "./contains-await.js";
import { outermostFunction } from "./environments.js";
import type { Declaration } from "./scope.js";

export interface NativeEnvironment {
  /** The native variable holding the current entry's object (`$n0`). */
  readonly name: string;
  /** The scope it belongs to: a function-like, a block, or a loop with a let/const head. */
  readonly scope: ts.Node;
  /** Its bindings, in declaration order, with the declaring name node. */
  readonly declarations: { d: Declaration; name: ts.Identifier }[];
  /** For a function: whether arrows in it read its `this` / `arguments` (kept as `$this` / `$args`). */
  lexical: { this: boolean; arguments: boolean };
}

/** The function (or class) whose `this` and `arguments` an occurrence means: the nearest that is not an arrow. */
export function lexicalProvider(n: ts.Node): ts.Node | undefined {
  for (let p: ts.Node | undefined = n.parent; p !== undefined; p = p.parent) {
    if (ts.isClassLike(p)) return p;
    if (isFunctionBoundary(p) && !ts.isArrowFunction(p)) return p;
  }
  return undefined;
}

/** The native environment that keeps `this` / `arguments` for an occurrence inside an arrow, if there is one. */
export function lexicalEnvironment(envs: ReadonlyMap<ts.Node, NativeEnvironment>, n: ts.Node): NativeEnvironment | undefined {
  const provider = lexicalProvider(n);
  if (provider === undefined || !insideArrow(n, provider)) return undefined;
  const env = envs.get(provider);
  const which = n.kind === ts.SyntaxKind.ThisKeyword ? "this" : "arguments";
  return env?.lexical[which] === true ? env : undefined;
}

function insideArrow(n: ts.Node, provider: ts.Node): boolean {
  for (let p: ts.Node | undefined = n.parent; p !== undefined && p !== provider; p = p.parent) if (ts.isArrowFunction(p)) return true;
  return false;
}

function isLexicalArguments(n: ts.Node, resolved: ReadonlyMap<ts.Identifier, Declaration>): boolean {
  return ts.isIdentifier(n) && n.text === "arguments" && !resolved.has(n);
}

/** The nearest function being lowered around `n`, inclusive. */
export function nearestLowered(n: ts.Node, lowered: ReadonlySet<ts.Node>): ts.Node | undefined {
  for (let p: ts.Node | undefined = n; p !== undefined; p = p.parent) if (lowered.has(p)) return p;
  return undefined;
}

/** A plain function whose `this` / `arguments` an environment can keep: not a constructor (its `this` starts in the dead zone), a field or a static block. */
function lexicalOk(provider: ts.Node): boolean {
  return (ts.isFunctionExpression(provider) || ts.isFunctionDeclaration(provider) || ts.isMethodDeclaration(provider) || ts.isGetAccessorDeclaration(provider) || ts.isSetAccessorDeclaration(provider)) && provider.body !== undefined;
}

function hasFunction(n: ts.Node): boolean {
  return isFunctionBoundary(n) || ts.isClassLike(n) || ts.forEachChild(n, hasFunction) === true;
}

/** Whether a declaring name is of a kind that can live in a native environment. */
function supported(name: ts.Identifier, d: Declaration): boolean {
  const scope = d.scope;
  const scopeOk = ts.isBlock(scope) || ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope) || (isFunctionBoundary(scope) && !ts.isConstructorDeclaration(scope) && !ts.isClassStaticBlockDeclaration(scope) && !ts.isPropertyDeclaration(scope) && (scope as ts.FunctionLikeDeclaration).body !== undefined);
  if (!scopeOk) return false;
  const p = name.parent;
  // The object is made when the body starts: not for parameters that a closure in a default can see.
  if (ts.isParameter(p)) return p.name === name && isFunctionBoundary(p.parent) && !(p.parent as ts.FunctionLikeDeclaration).parameters.some((q) => q.initializer !== undefined && hasFunction(q.initializer));
  let n: ts.Node = name;
  while (ts.isBindingElement(n.parent) || ts.isObjectBindingPattern(n.parent) || ts.isArrayBindingPattern(n.parent)) n = n.parent;
  if (!ts.isVariableDeclaration(n.parent)) return false;
  const list = n.parent.parent;
  if (!ts.isVariableDeclarationList(list)) return false;
  // `using` disposes its value at the scope's end: it stays a binding of its own. (AwaitUsing includes Const's bit.)
  const kind = list.flags & ts.NodeFlags.BlockScoped;
  if (kind === ts.NodeFlags.Using || kind === ts.NodeFlags.AwaitUsing) return false;
  const holder = list.parent;
  return ts.isVariableStatement(holder) || ts.isForStatement(holder) || ts.isForInStatement(holder) || ts.isForOfStatement(holder);
}

/**
 * Marks the native declarations that closures capture inside durable bodies
 * with an await (`Declaration.native`) and returns the environment of each scope that has one.
 */
export function assignNativeEnvironments(file: ts.SourceFile, resolved: ReadonlyMap<ts.Identifier, Declaration>, declarations: ReadonlyMap<ts.Node, Declaration[]>, lowered: ReadonlySet<ts.Node>): Map<ts.Node, NativeEnvironment> {
  const captured = new Set<Declaration>();
  for (const [ref, d] of resolved) {
    if (d.slot !== undefined || d.owner === undefined || captured.has(d)) continue;
    if (outermostFunction(ref, d.scope) === undefined) continue;
    const host = nearestLowered(d.scope, lowered);
    if (host === undefined || !containsAwait((host as ts.FunctionLikeDeclaration).body)) continue;
    captured.add(d);
  }
  // A loop head is rewritten whole: all its bindings go into the environment once one does.
  const loops = new Set<ts.Node>();
  for (const d of captured) if (ts.isForStatement(d.scope) || ts.isForInStatement(d.scope) || ts.isForOfStatement(d.scope)) loops.add(d.scope);
  for (const list of declarations.values()) {
    const d = list[list.length - 1]!;
    if (loops.has(d.scope)) captured.add(d);
  }
  const envs = new Map<ts.Node, NativeEnvironment>();
  let count = 0;
  // `this` / `arguments` of a plain function read by arrows in it (a durable function keeps its own in the frame).
  const visitLexical = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.ThisKeyword || isLexicalArguments(n, resolved)) {
      const provider = lexicalProvider(n);
      const host = provider === undefined ? undefined : nearestLowered(provider, lowered);
      if (provider !== undefined && host !== undefined && host !== provider && insideArrow(n, provider) && lexicalOk(provider) && containsAwait((host as ts.FunctionLikeDeclaration).body)) {
        let env = envs.get(provider);
        if (env === undefined) {
          env = { name: `$n${count++}`, scope: provider, declarations: [], lexical: { this: false, arguments: false } };
          envs.set(provider, env);
        }
        env.lexical[n.kind === ts.SyntaxKind.ThisKeyword ? "this" : "arguments"] = true;
      }
    }
    n.forEachChild(visitLexical);
  };
  if (lowered.size > 0) visitLexical(file);
  for (const [name, list] of declarations) {
    const d = list[list.length - 1]!;
    if (!captured.has(d) || d.native !== undefined || !ts.isIdentifier(name) || !supported(name, d)) continue;
    let env = envs.get(d.scope);
    if (env === undefined) {
      env = { name: `$n${count++}`, scope: d.scope, declarations: [], lexical: { this: false, arguments: false } };
      envs.set(d.scope, env);
    }
    env.declarations.push({ d, name });
    d.native = env.name;
    d.nativeHost = nearestLowered(d.scope, lowered);
  }
  return envs;
}
