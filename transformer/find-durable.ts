// Finds the durable functions of a file: the function argument of
// `dispatch.function(...)` and `dispatch.durable(...)` (the import of
// "dispatch-ts" is resolved by name, namespace or named import, so a local
// variable called `dispatch` is not mistaken for it), every async function,
// arrow and method of a file that starts with the "use durable" directive, and
// every async function of the file in mode "all-async"; the async methods
// decorated with `@dispatch.function` / `@dispatch.durable` (optionally called
// with an options object); and every async function nested in one of those.
import ts = require("typescript");
import { containsAwait } from "./contains-await.js";
import { isLiteralLike } from "./factory.js";

export type DurableRole =
  /** The body of `dispatch.function(...)` or a `@dispatch.function` method: a registered, dispatchable function. */
  | { kind: "function"; call?: ts.CallExpression; decorator?: ts.Decorator }
  /** A helper that runs on its caller's tree. */
  | { kind: "helper"; call?: ts.CallExpression; decorator?: ts.Decorator };

/** Whether the code marks the function itself (a call or a decorator), not only its file's directive or mode. */
export function isMarked(role: DurableRole): boolean {
  return role.call !== undefined || role.decorator !== undefined;
}

/** The options object of the marking call or decorator factory, when there is one. */
export function markingOptions(role: DurableRole | undefined): ts.Expression | undefined {
  if (role?.call !== undefined) return role.call.arguments.length >= 2 ? role.call.arguments[0] : undefined;
  const e = role?.decorator?.expression;
  return e !== undefined && ts.isCallExpression(e) ? e.arguments[0] : undefined;
}

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

/**
 * Which runtime API (`function`, `durable`) a decorator applies, if it is one of them:
 * `@dispatch.function`, `@fn`, `@dispatch.function({ ... })`.
 */
export function decoratorApi(decorator: ts.Decorator, imports: RuntimeImports): string | undefined {
  let e = decorator.expression;
  if (ts.isCallExpression(e)) e = e.expression;
  let api: string | undefined;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && imports.namespaces.has(e.expression.text)) api = e.name.text;
  else if (ts.isIdentifier(e)) api = imports.named.get(e.text);
  return api === "function" || api === "durable" ? api : undefined;
}

/** The `@dispatch.function` / `@dispatch.durable` decorator of a declaration, if any. */
export function durableDecorator(node: ts.Node, imports: RuntimeImports): { decorator: ts.Decorator; api: string } | undefined {
  if (!ts.canHaveDecorators(node)) return undefined;
  for (const d of ts.getDecorators(node) ?? []) {
    const api = decoratorApi(d, imports);
    if (api !== undefined) return { decorator: d, api };
  }
  return undefined;
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
  // `inside`: the node is in the body of a durable function or helper, where every async function,
  // arrow and method is a helper too (`Promise.all(items.map(async (i) => await f(i)))`): an
  // unlowered one would fail at its first durable await, and it is what a user writes.
  const visit = (node: ts.Node, inside: boolean): void => {
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
    if (ts.isMethodDeclaration(node) && isAsyncFunctionLike(node)) {
      const marked = durableDecorator(node, imports);
      if (marked !== undefined) found.set(node, { kind: marked.api === "function" ? "function" : "helper", decorator: marked.decorator });
    }
    if ((everyAsync || inside) && isAsyncFunctionLike(node) && !found.has(node)) found.set(node, { kind: "helper" });
    const within = inside || found.has(node);
    ts.forEachChild(node, (child) => visit(child, within));
  };
  visit(file, false);
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
      if (role.kind === "helper" && !isMarked(role) && body !== undefined && staysPlainAsync(body)) roles.delete(node);
    }
    return roles;
  });
}

/** Whether an unmarked helper of a "use durable" file with this body is left a plain async function (not lowered). */
export function staysPlainAsync(body: ts.ConciseBody): boolean {
  return !containsAwait(body) && !mayReturnPromise(body);
}

/**
 * Whether an await-free body may return a promise (`return inner()`): another helper's, which
 * the helper's own promise adopts. Such a helper is lowered all the same, so that its promise is
 * a helper's (a frame can hold or await it across a suspension) and its kernel keeps what it
 * returned. One that returns nothing, or only values that cannot be promises (`a + b`, a
 * literal, a template), stays a plain async function: the cheapest helper call.
 */
function mayReturnPromise(body: ts.ConciseBody): boolean {
  if (!ts.isBlock(body)) return mayBePromise(body);
  const visit = (n: ts.Node): boolean => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return false;
    if (ts.isReturnStatement(n) && n.expression !== undefined && mayBePromise(n.expression)) return true;
    return ts.forEachChild(n, visit) === true;
  };
  return visit(body);
}

/** Whether an expression's value can be a promise, judged by its syntax alone. */
function mayBePromise(e: ts.Expression): boolean {
  e = unwrap(e);
  if (isLiteralLike(e) || ts.isTemplateExpression(e) || ts.isRegularExpressionLiteral(e) || ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e)) return false;
  if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isClassExpression(e)) return false;
  if (ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e) || ts.isTypeOfExpression(e) || ts.isVoidExpression(e) || ts.isDeleteExpression(e)) return false;
  if (ts.isConditionalExpression(e)) return mayBePromise(e.whenTrue) || mayBePromise(e.whenFalse);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.CommaToken || op === ts.SyntaxKind.EqualsToken) return mayBePromise(e.right);
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return mayBePromise(e.left) || mayBePromise(e.right);
    // `x ||= v` gives x or v; arithmetic, comparisons, `in`, `instanceof` and the other compound
    // assignments make primitives.
    return op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken;
  }
  return true;
}

export function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
