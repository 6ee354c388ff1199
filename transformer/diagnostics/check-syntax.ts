// The diagnostics that need no types (transformSource reports them too):
// - 99001 constructs a durable body cannot keep: `with` (its scope cannot be
//   saved in a frame) and direct `eval` (it could read locals the lowering
//   moved into the frame). The lowering reports what it cannot split itself
//   under the same code.
// - 99007/99011/99008/99009 misuse of dispatch.function / dispatch.durable: a
//   function argument that is not async (or is a generator) or not written in
//   the call, a literal wire
//   name that does not match the protocol's pattern, and two functions of one
//   module under one wire name (the registry refuses the second at load time).
//   `@dispatch.function` / `@dispatch.durable` anywhere but on an async method
//   (a plain or generator method, an accessor, a field, a class) is 99007 too.
import ts = require("typescript");
import { isFunctionBoundary } from "../contains-await.js";
import { decoratorApi, runtimeCallee, runtimeImports, unwrap, type DurableRole } from "../find-durable.js";
import { qualifiedName } from "../names.js";
import { Diag, WIRE_NAME } from "./codes.js";
import type { Reporter } from "./reporter.js";

export function checkUnsupported(roles: ReadonlyMap<ts.Node, DurableRole>, reporter: Reporter): void {
  for (const fn of roles.keys()) {
    const walk = (n: ts.Node): void => {
      if (n !== fn && isFunctionBoundary(n)) return;
      if (ts.isWithStatement(n)) reporter.report(Diag.unsupported, n, "not supported: `with` in a durable function (its scope cannot be saved in a frame); name the object's properties explicitly");
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "eval") {
        reporter.report(Diag.unsupported, n, "not supported: direct eval in a durable function (it could read locals the compiler moved into the frame); use indirect (0, eval)(...)");
      }
      n.forEachChild(walk);
    };
    walk(fn);
  }
}

/** A dispatch.function of a module: where it is and the wire name it registers under. */
export interface WireName {
  name: string;
  /** The node to report at: the literal name, or the function. */
  at: ts.Node;
  /** Given in the options; a default (qualified) name is made unique within its module by the compiler. */
  explicit: boolean;
}

/** Checks dispatch.function / dispatch.durable calls and returns the wire names of the module's functions. */
export function checkRegistrations(sf: ts.SourceFile, roles: ReadonlyMap<ts.Node, DurableRole>, reporter: Reporter): WireName[] {
  const imports = runtimeImports(sf);
  if (imports.namespaces.size === 0 && imports.named.size === 0) return [];
  const names: WireName[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isDecorator(n)) {
      const api = decoratorApi(n, imports);
      const wire = api === undefined ? undefined : checkDecorator(n, api, roles, reporter);
      if (wire !== undefined) names.push(wire);
    }
    // A decorator factory's call (`@dispatch.function({ name })`) is checked with its decorator.
    if (ts.isCallExpression(n) && !ts.isDecorator(n.parent)) {
      const api = runtimeCallee(n, imports);
      if (api === "function" || api === "durable") {
        const wire = checkRegistration(n, api, roles, reporter);
        if (wire !== undefined) names.push(wire);
      }
    }
    n.forEachChild(visit);
  };
  visit(sf);
  const seen = new Map<string, WireName>();
  for (const w of names) {
    const first = seen.get(w.name);
    if (first === undefined || (!first.explicit && !w.explicit)) {
      if (first === undefined) seen.set(w.name, w);
      continue;
    }
    reporter.report(Diag.duplicateWireName, w.at, `the wire name "${w.name}" is already used by another dispatch.function of this module; loading the module fails ("the name is already used"); give one of them another name with dispatch.function({ name: "..." }, ...)`, [
      { node: first.at, message: `"${w.name}" is first used here` },
    ]);
  }
  return names;
}

function checkDecorator(decorator: ts.Decorator, api: string, roles: ReadonlyMap<ts.Node, DurableRole>, reporter: Reporter): WireName | undefined {
  const target = decorator.parent;
  const role = roles.get(target);
  if (role === undefined) {
    const what = ts.isMethodDeclaration(target)
      ? target.asteriskToken !== undefined
        ? "a generator method"
        : target.body === undefined
          ? "a method without a body"
          : "a method that is not async"
      : ts.isGetAccessor(target) || ts.isSetAccessor(target)
        ? "an accessor"
        : ts.isPropertyDeclaration(target)
          ? "a field"
          : ts.isClassLike(target)
            ? "a class"
            : "a declaration that is not a method";
    const fix = ts.isMethodDeclaration(target) ? "make it `async` (and not a generator)" : "put it on an `async` method of the class";
    reporter.report(Diag.notAsync, decorator, `@dispatch.${api} marks async methods, and this is ${what}: the transformer lowers only async methods, so it would fail when the class is defined; ${fix}`);
    return undefined;
  }
  if (api !== "function") return undefined;
  const factory = ts.isCallExpression(decorator.expression) ? decorator.expression : undefined;
  const options = factory?.arguments[0] !== undefined ? unwrap(factory.arguments[0]) : undefined;
  const explicit = options !== undefined && ts.isObjectLiteralExpression(options) ? literalName(options, reporter) : undefined;
  if (explicit === null) return undefined;
  if (explicit !== undefined) return explicit;
  return { name: qualifiedName(target), at: (target as ts.MethodDeclaration).name, explicit: false };
}

/** The literal `name` of an options object: undefined without one, null when it is computed or invalid (reported). */
function literalName(options: ts.ObjectLiteralExpression, reporter: Reporter): WireName | null | undefined {
  for (const p of options.properties) {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) || p.name.text !== "name") continue;
    const v = unwrap(p.initializer);
    if (!ts.isStringLiteral(v) && !ts.isNoSubstitutionTemplateLiteral(v)) return null; // computed: checked at registration
    if (!WIRE_NAME.test(v.text)) {
      reporter.report(Diag.invalidWireName, v, `invalid wire name ${JSON.stringify(v.text)}: a function name must match ${WIRE_NAME.source} (letters, digits, _ . < >, not starting with a digit); registering it fails when the module loads`);
      return null;
    }
    return { name: v.text, at: v, explicit: true };
  }
  return undefined;
}

function checkRegistration(call: ts.CallExpression, api: string, roles: ReadonlyMap<ts.Node, DurableRole>, reporter: Reporter): WireName | undefined {
  const last = call.arguments[call.arguments.length - 1];
  if (last === undefined) return undefined;
  const fn = unwrap(last);
  if (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) {
    const isAsync = (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
    if (!isAsync || (ts.isFunctionExpression(fn) && fn.asteriskToken !== undefined)) {
      const kind = ts.isFunctionExpression(fn) && fn.asteriskToken !== undefined ? (isAsync ? "an async generator" : "a generator") : "not async";
      reporter.report(Diag.notAsync, fn, `dispatch.${api} needs an async function, and this one is ${kind}: the transformer lowers only async functions, so it would fail when the module loads; write \`async function\` or \`async () =>\``);
      return undefined;
    }
  }
  if (api !== "function") return undefined;
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) {
    reporter.report(Diag.notInline, last, `dispatch.function needs the async function written in the call (\`dispatch.function(async function name(...) {...})\`): the transformer lowers only the function expression it is given, so passing a function defined elsewhere fails when the module loads`);
    return undefined;
  }
  const options = call.arguments.length > 1 ? unwrap(call.arguments[0]!) : undefined;
  if (options !== undefined && ts.isObjectLiteralExpression(options)) {
    const explicit = literalName(options, reporter);
    if (explicit !== undefined) return explicit ?? undefined;
  }
  if (roles.get(fn)?.kind !== "function") return undefined;
  return { name: qualifiedName(fn), at: (fn as ts.FunctionExpression).name ?? fn, explicit: false };
}
