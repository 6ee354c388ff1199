// Finds the durable functions of a file: the function argument of
// `dispatch.function(...)` and `dispatch.durable(...)` (the import of
// "dispatch-ts" is resolved by name, namespace or named import, so a local
// variable called `dispatch` is not mistaken for it), every async function,
// arrow and method of a file that starts with the "use durable" directive, and
// every async function of the file in mode "all-async".
import ts = require("typescript");
import { containsAwait } from "./contains-await.js";

export type DurableRole =
  /** The body of `dispatch.function(...)`: a registered, dispatchable function. */
  | { kind: "function"; call: ts.CallExpression }
  /** A helper that runs on its caller's tree. */
  | { kind: "helper"; call?: ts.CallExpression };

export const RUNTIME_MODULE = "dispatch-ts";

export function hasUseDurableDirective(file: ts.SourceFile): boolean {
  for (const s of file.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === "use durable") return true;
  }
  return false;
}

export function isAsyncFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  if (!(ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node))) return false;
  if (node.body === undefined || (node as ts.FunctionDeclaration).asteriskToken) return false;
  return (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async) !== 0;
}

export interface RuntimeImports {
  namespaces: Set<string>;
  named: Map<string, string>;
}

export function runtimeImports(file: ts.SourceFile): RuntimeImports {
  const out: RuntimeImports = { namespaces: new Set(), named: new Map() };
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== RUNTIME_MODULE) continue;
    const clause = s.importClause;
    if (!clause) continue;
    if (clause.name) out.namespaces.add(clause.name.text);
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) out.namespaces.add(nb.name.text);
    if (nb && ts.isNamedImports(nb)) {
      for (const el of nb.elements) out.named.set(el.name.text, (el.propertyName ?? el.name).text);
    }
  }
  return out;
}

/** Which runtime API a call invokes (`function`, `durable`), if it is one. */
export function runtimeCallee(call: ts.CallExpression, imports: RuntimeImports): string | undefined {
  const c = call.expression;
  if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && imports.namespaces.has(c.expression.text)) return c.name.text;
  if (ts.isIdentifier(c)) return imports.named.get(c.text);
  return undefined;
}

type Mode = "marked" | "all-async";

/**
 * Answers per file and mode: the driver, the checker (the roles of callees in other files) and the
 * program's wire names all ask, and a file's tree never changes.
 */
const answers = new WeakMap<ts.SourceFile, Map<string, ReadonlyMap<ts.Node, DurableRole>>>();

function remembered(file: ts.SourceFile, key: string, compute: () => ReadonlyMap<ts.Node, DurableRole>): ReadonlyMap<ts.Node, DurableRole> {
  let forFile = answers.get(file);
  if (forFile === undefined) answers.set(file, (forFile = new Map()));
  let r = forFile.get(key);
  if (r === undefined) forFile.set(key, (r = compute()));
  return r;
}

export function findDurable(file: ts.SourceFile, mode: Mode): ReadonlyMap<ts.Node, DurableRole> {
  return remembered(file, mode, () => findDurableIn(file, mode));
}

function findDurableIn(file: ts.SourceFile, mode: Mode): Map<ts.Node, DurableRole> {
  const found = new Map<ts.Node, DurableRole>();
  const everyAsync = mode === "all-async" || hasUseDurableDirective(file);
  const imports = runtimeImports(file);
  // Fast path: a file that neither imports the runtime nor says "use durable" has nothing to
  // lower, so its tree is not walked (most modules of a project; the build benchmark counts them).
  if (!everyAsync && imports.namespaces.size === 0 && imports.named.size === 0) return found;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const api = runtimeCallee(node, imports);
      if (api === "function" || api === "durable") {
        const last = node.arguments[node.arguments.length - 1];
        const fn = last && unwrap(last);
        if (fn && (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) && isAsyncFunctionLike(fn)) {
          found.set(fn, api === "function" ? { kind: "function", call: node } : { kind: "helper", call: node });
        }
      }
    }
    if (everyAsync && isAsyncFunctionLike(node) && !found.has(node)) found.set(node, { kind: "helper" });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * The functions of a file that the transformer lowers: findDurable's answer without the helpers
 * of a "use durable" file that never await (they cannot suspend, so they stay plain async
 * functions). A file with none has no durable code: it is not transformed at all, so its
 * generators and #private classes stay native (the diagnostics ask the same question).
 */
export function loweredRoles(file: ts.SourceFile, mode: Mode): ReadonlyMap<ts.Node, DurableRole> {
  return remembered(file, `lowered ${mode}`, () => {
    const roles = new Map(findDurable(file, mode));
    for (const [node, role] of roles) {
      const body = (node as ts.FunctionLikeDeclaration).body;
      if (role.kind === "helper" && role.call === undefined && body !== undefined && !containsAwait(body)) roles.delete(node);
    }
    return roles;
  });
}

export function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
