// The driver: finds the durable functions of a file, analyses scopes, lowers
// each function (nested ones from inside their parent's lowering), records its
// version for the manifest (record-version.ts), wraps it for its role, and adds
// the module prologue (runtime import, descriptors). It runs
// the passes in order and does nothing else.
import ts = require("typescript");
import { loweredRoles, markingOptions, type DurableRole } from "./find-durable.js";
import { analyzeScopes } from "./scope.js";
import { analyzeTdz } from "./tdz.js";
import { lowerFunction, type LoweredMeta } from "./lower-function.js";
import { nativeName, qualifiedName } from "./names.js";
import { isFieldThisArrow } from "./lift-closure.js";
import { call, id, rt, str, nullContext } from "./factory.js";
import { diagnoseFile } from "./diagnostics/check-file.js";
import { withModuleRefs } from "./module-refs.js";
import { containsAwait, isFunctionBoundary } from "./contains-await.js";
import type { FileLowering } from "./lowering-context.js";
import { staticOptions } from "./function-options.js";
import { recordVersion, type PreviousFrames } from "./record-version.js";
import type { ManifestFrame } from "../runtime/manifest/manifest.js";
import { ABI } from "../runtime/abi.js";
import { findGenerators } from "./lower-generator.js";
import { addPrivateState, findPrivateStateClasses } from "./private-state.js";
import { sloppyArgumentsProblem } from "./sloppy-arguments.js";
import { withPrivateMethodHelpers } from "./private-method-helpers.js";
import { withMutantRead } from "./mutants.js";

const f = ts.factory;

export const INTERNAL_MODULE = "dispatch-ts/internal";

export interface FileTransformOptions {
  mode: "marked" | "all-async";
  /** The module's path in frame ids: relative to the project root, with forward slashes. */
  modulePath: string;
  /** The previous build's manifest frames by id: a version pin over a layout change is refused. */
  previous?: PreviousFrames;
  /** The program the file belongs to (the tspc plugin): enables the type-based diagnostics. */
  program?: ts.Program;
  /**
   * Whether a module without durable code still registers its top-level bindings (classes,
   * functions, singletons), so that instances of its classes and references to its values held
   * by durable code survive a suspension. Default: false.
   */
  registerModule?: boolean;
}

export interface FileTransformResult {
  file: ts.SourceFile;
  diagnostics: ts.Diagnostic[];
  functions: LoweredMeta[];
  /** This file's records for the version manifest. */
  manifest: ManifestFrame[];
}

export function transformFile(sf: ts.SourceFile, options: FileTransformOptions): FileTransformResult {
  return withMutantRead(() => transformFileOnce(sf, options));
}

function transformFileOnce(sf: ts.SourceFile, options: FileTransformOptions): FileTransformResult {
  const diagnostics: ts.Diagnostic[] = [];
  const report = (node: ts.Node, message: string): void => {
    const start = node.pos >= 0 ? node.getStart(sf) : 0;
    diagnostics.push({ category: ts.DiagnosticCategory.Error, code: 99001, file: sf, start, length: Math.max(0, node.end - start), messageText: message, source: "dispatch-ts" });
  };
  const roles = loweredRoles(sf, options.mode);
  const generators = roles.size === 0 ? [] : findGenerators(sf);
  const lowered = new Set(roles.keys());
  for (const g of generators) lowered.add(g);
  const scopes = roles.size === 0 ? undefined : analyzeScopes(sf, lowered);
  // The checker analyses the scopes of the roles' functions: the same analysis unless generators are lowered too.
  diagnostics.push(...diagnoseFile(sf, roles, { mode: options.mode, program: options.program, generators, scopes: generators.length === 0 ? scopes : undefined }));
  if (scopes === undefined) return { file: options.registerModule === true ? registeringOnly(sf, options.modulePath) : sf, diagnostics, functions: [], manifest: [] };
  const frameVars = new Map<ts.Node, string>();
  for (const fn of lowered) {
    let depth = 0;
    for (let p = fn.parent; p !== undefined; p = p.parent) if (lowered.has(p)) depth++;
    frameVars.set(fn, depth === 0 ? "$f" : `$f${depth}`);
  }
  const descriptors: ts.Statement[] = [];
  const directFunctions: ts.Statement[] = [];
  const functions: LoweredMeta[] = [];
  const manifest: ManifestFrame[] = [];
  const usedNames = new Set<string>();
  // Lowered methods of class declarations: wrapped in place after the class (methodHelpers).
  const methodDescriptors = new Map<ts.Node, ts.Identifier>();
  const loweredDescriptors = new Map<ts.Node, ts.Identifier>();

  const lowerAndWrap = (node: ts.FunctionLikeDeclaration): ts.Expression | ts.MethodDeclaration => {
    let name = qualifiedName(node);
    for (let i = 2; usedNames.has(name); i++) name = `${qualifiedName(node)}_${i}`;
    usedNames.add(name);
    // The number is taken before lowering: nested functions lowered from inside
    // this one take theirs meanwhile, and the declarations stay in number order.
    const index = descriptors.length;
    descriptors.push(f.createEmptyStatement());
    const descriptor = id(`$d${index}`);
    loweredDescriptors.set(node, descriptor);
    // No role: a lowered generator.
    const role = roles.get(node) as DurableRole | undefined;
    const pin = staticOptions(markingOptions(role), report);
    const aliased = sloppyArgumentsProblem(node);
    if (aliased !== undefined) {
      report(aliased, `not supported: in sloppy-mode code, the \`arguments\` of ${name} is mapped to its parameters (a write to one shows in the other), which a durable function does not keep: add "use strict" at the top of the file or of ${name}, or read the parameters by name and copy \`arguments\` (\`const args = Array.from(arguments)\`) before changing either`);
    }
    const { node: out, meta, closures, direct } = lowerFunction(file, node, name, descriptor);
    directFunctions.push(...direct);
    // A class-field arrow over `this` is the last closure of its own descriptor (lift-closure.ts).
    // produces: $rt.closure(null, $dN, k, this)  with the factory  ($f, $self) => $rt.helper($dN, async () => {...}, "onClick")
    const fieldThis = isFieldThisArrow(node) && meta.usesThis === true ? closures.length : undefined;
    if (fieldThis !== undefined) {
      const made = call(rt("helper"), [descriptor, out as ts.Expression, str(fieldName(node.parent as ts.PropertyDeclaration))]);
      closures.push(f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, "$f"), f.createParameterDeclaration(undefined, undefined, "$self")], undefined, undefined, made));
    }
    if (pin.version !== undefined) meta.version = pin.version.value;
    functions.push(meta);
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const facts = { id: `${options.modulePath}#${name}`, kind: role?.kind ?? ("generator" as const), wireName: pin.wireName, suspends: containsAwait(node.body), line };
    const record = recordVersion(facts, meta, options.previous);
    manifest.push(record.frame);
    if (record.refusal !== undefined) report(pin.version!.node, record.refusal);
    // produces: const $dN = $m.fn('{"name":...,"slots":[...],"tries":[...],"lines":[...],"layout":...,"body":...}', [closures]?);
    descriptors[index] = f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(descriptor, undefined, undefined, call(f.createPropertyAccessExpression(id("$m"), "fn"), metaArguments(meta, closures)))], ts.NodeFlags.Const));
    if (fieldThis !== undefined) return call(rt("closure"), [f.createNull(), descriptor, f.createNumericLiteral(fieldThis), f.createThis()]);
    if (ts.isMethodDeclaration(out) && role?.decorator !== undefined) return withDescriptor(out, role.decorator, descriptor);
    if (ts.isMethodDeclaration(out)) {
      methodDescriptors.set(node, descriptor);
      // produces: async [$rt.methodKey($dN, key)](...) {...}  (the wrapping reads the converted key back)
      if (ts.isComputedPropertyName(out.name)) {
        const name = f.updateComputedPropertyName(out.name, call(rt("methodKey"), [descriptor, out.name.expression]));
        return f.updateMethodDeclaration(out, out.modifiers, out.asteriskToken, name, out.questionToken, out.typeParameters, out.parameters, out.type, out.body);
      }
      return out;
    }
    // produces: $rt.helper($dN, async function h() {...})  or  $rt.durableBody($dN, async function f() {...})
    if (role?.kind === "function") return call(rt("durableBody"), [descriptor, out as ts.Expression]);
    // A lowered generator (no role) is wrapped the same way: produces $rt.generator($dN, function g() {...})
    const wrap = role === undefined ? "generator" : "helper";
    const inferred = nativeName(node);
    if (ts.isFunctionExpression(out) && out.name !== undefined && refersToItself(node)) {
      // Inside a named helper expression its name means the helper (the wrapper the engine
      // knows), not the generated body: the body is made anonymous and the name bound outside.
      // produces: (() => { const fact = $rt.helper($dN, async function (n) {...}, "fact"); return fact; })()
      const name = out.name.text;
      const anonymous = f.updateFunctionExpression(out, out.modifiers, out.asteriskToken, undefined, out.typeParameters, out.parameters, out.type, out.body);
      const created = call(rt(wrap), [descriptor, anonymous, str(name)]);
      const decl = f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, created)], ts.NodeFlags.Const));
      return call(f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, [], undefined, undefined, f.createBlock([decl, f.createReturnStatement(id(name))], false))), []);
    }
    return call(rt(wrap), inferred === undefined ? [descriptor, out as ts.Expression] : [descriptor, out as ts.Expression, str(inferred)]);
  };

  // A durable method is wrapped like a helper once its class (or object literal) exists, so that
  // its promises can be held across awaits and its frames resumed. A computed name is wrapped under
  // the key its evaluation converted (null: `methodKey` remembered it). Private methods cannot be
  // replaced: private-method-helpers.ts makes them getters of their helpers instead.
  const wrapEntries = (members: readonly ts.Node[]): { isStatic: boolean; key: ts.Expression; descriptor: ts.Identifier }[] => {
    const out = [];
    for (const member of members) {
      const descriptor = methodDescriptors.get(member);
      if (descriptor === undefined || !ts.isMethodDeclaration(member)) continue;
      const name = member.name;
      const key = ts.isIdentifier(name) || ts.isStringLiteral(name) ? str(name.text) : ts.isNumericLiteral(name) ? str(String(Number(name.text))) : ts.isComputedPropertyName(name) ? f.createNull() : undefined;
      if (key === undefined) continue;
      out.push({ isStatic: ts.isObjectLiteralExpression(member.parent) || (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) !== 0, key, descriptor });
    }
    return out;
  };
  // produces: $rt.methodHelper(C, "m", $dN);  $rt.methodHelper(C.prototype, "n", $dM);
  const methodHelpers = (cls: ts.ClassDeclaration): ts.Statement[] => {
    if (cls.name === undefined) return [];
    return wrapEntries(cls.members).map(({ isStatic, key, descriptor }) => {
      const target = isStatic ? id(cls.name!.text) : f.createPropertyAccessExpression(id(cls.name!.text), "prototype");
      return f.createExpressionStatement(call(rt("methodHelper"), [target, key, descriptor]));
    });
  };
  // An anonymous `export default class` has no name to wrap its methods by after it: a static
  // block does, first of its static code, with the class as `this`.
  // produces: export default class { static { $rt.methodHelpers(this, [[0, "m", $dN]]); } ... }
  const withAnonymousMethodHelpers = (original: ts.ClassDeclaration, visited: ts.ClassDeclaration): ts.ClassDeclaration => {
    const entries = wrapEntries(original.members);
    if (entries.length === 0) return visited;
    const list = entries.map(({ isStatic, key, descriptor }) => f.createArrayLiteralExpression([f.createNumericLiteral(isStatic ? 1 : 0), key, descriptor]));
    const block = f.createClassStaticBlockDeclaration(f.createBlock([f.createExpressionStatement(call(rt("methodHelpers"), [f.createThis(), f.createArrayLiteralExpression(list)]))], true));
    return f.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, [block, ...visited.members]);
  };
  // A class expression or object literal: wrapped where it is made. An anonymous class keeps the
  // name its position gives it (`const C = class {}`) from a property of that name.
  // produces: $rt.methodHelpers({ C: class { ... } }.C, [[0, "m", $dN], [1, "s", $dM]])
  const withMethodHelpers = (original: ts.ClassExpression | ts.ObjectLiteralExpression, value: ts.Expression): ts.Expression => {
    const entries = wrapEntries(ts.isClassExpression(original) ? original.members : original.properties);
    if (entries.length === 0) return value;
    const inferred = ts.isClassExpression(original) && original.name === undefined ? nativeName(original) : undefined;
    const named = inferred === undefined ? value : f.createElementAccessExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(str(inferred), value)]), str(inferred));
    const list = entries.map(({ isStatic, key, descriptor }) => f.createArrayLiteralExpression([f.createNumericLiteral(isStatic ? 1 : 0), key, descriptor]));
    return call(rt("methodHelpers"), [named, f.createArrayLiteralExpression(list)]);
  };

  // A decorated method gets its descriptor from its decorator, which runs while the class is
  // defined (before any statement after the class could wrap it), and in class expressions too.
  // produces: @$rt.durableMethod($dN, dispatch.function) async m() {...}
  const withDescriptor = (method: ts.MethodDeclaration, decorator: ts.Decorator, descriptor: ts.Identifier): ts.MethodDeclaration => {
    const modifiers = method.modifiers?.map((m) => (m === decorator ? f.updateDecorator(decorator, call(rt("durableMethod"), [descriptor, decorator.expression])) : m));
    return f.updateMethodDeclaration(method, modifiers, method.asteriskToken, method.name, method.questionToken, method.typeParameters, method.parameters, method.type, method.body);
  };

  /** Whether a named function expression uses its own name inside its body. */
  const refersToItself = (node: ts.FunctionLikeDeclaration): boolean => {
    const own = node.name && ts.isIdentifier(node.name) ? scopes.declarations.get(node.name)?.[0] : undefined;
    if (own === undefined) return false;
    const walk = (n: ts.Node): boolean => (ts.isIdentifier(n) && n !== node.name && scopes.resolved.get(n) === own) || ts.forEachChild(n, walk) === true;
    return node.body !== undefined && walk(node.body);
  };

  const file: FileLowering = {
    sourceFile: sf,
    scopes,
    tdz: analyzeTdz(scopes),
    lowered,
    frameVars,
    lowerNested: (node) => lowerAndWrap(node) as ts.Expression,
    descriptorOf: (node) => loweredDescriptors.get(node),
    report,
  };

  const visitStatements = (statements: readonly ts.Statement[], hoistWith: ts.NodeFlags): ts.Statement[] => {
    const hoisted: ts.Statement[] = [];
    const rest: ts.Statement[] = [];
    let prologue = true;
    for (const s of statements) {
      // Directives stay first: hoisted declarations go after them.
      if (prologue && ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) {
        hoisted.push(s);
        continue;
      }
      prologue = false;
      if (ts.isFunctionDeclaration(s) && lowered.has(s)) {
        const value = lowerAndWrap(s) as ts.Expression;
        const mods = ts.getCombinedModifierFlags(s);
        const name = s.name?.text ?? "$default";
        const exported = (mods & ts.ModifierFlags.Export) !== 0 && (mods & ts.ModifierFlags.Default) === 0;
        // produces: var h = $rt.helper(...);  (hoisted to the top of its statement list)
        hoisted.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, value)], hoistWith)));
        // A local binding plus an export clause (not `export var`): CommonJS output keeps the local name.
        // produces: export { h };
        if (exported) rest.push(f.createExportDeclaration(undefined, false, f.createNamedExports([f.createExportSpecifier(false, undefined, name)])));
        if ((mods & ts.ModifierFlags.Default) !== 0) rest.push(f.createExportAssignment(undefined, undefined, id(name)));
        continue;
      }
      const out = visit(s) as ts.Statement;
      rest.push(ts.isClassDeclaration(s) && s.name === undefined && ts.isClassDeclaration(out) ? withAnonymousMethodHelpers(s, out) : out);
      if (ts.isClassDeclaration(s)) rest.push(...methodHelpers(s));
    }
    return [...hoisted, ...rest];
  };

  // A class with #private state has a `#` in its text: without one the file is not walked for classes.
  const privateClasses = sf.text.includes("#") ? findPrivateStateClasses(sf) : new Set<ts.Node>();
  // The ancestors of what the visit changes (lowered functions, classes given #private state):
  // any other subtree is returned as it is, neither walked nor rebuilt (most of a module that
  // holds a few durable functions among plain code).
  const onPath = new Set<ts.Node>();
  for (const target of [...lowered, ...privateClasses]) {
    for (let p = target.parent; p !== undefined && !onPath.has(p); p = p.parent) onPath.add(p);
  }
  const visit = (node: ts.Node): ts.Node => {
    if (lowered.has(node)) {
      return lowerAndWrap(node as ts.FunctionLikeDeclaration);
    }
    // A class given #private state is a target itself, not only an ancestor of one.
    if (!onPath.has(node) && !privateClasses.has(node)) return node;
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      let out = withPrivateMethodHelpers(node, ts.visitEachChild(node, visit, nullContext), (m) => methodDescriptors.get(m));
      if (privateClasses.has(node)) out = addPrivateState(node, out);
      return ts.isClassExpression(node) ? withMethodHelpers(node, out as ts.ClassExpression) : out;
    }
    if (ts.isObjectLiteralExpression(node)) return withMethodHelpers(node, ts.visitEachChild(node, visit, nullContext));
    if (ts.isBlock(node)) return f.updateBlock(node, visitStatements(node.statements, isFunctionBoundary(node.parent) ? ts.NodeFlags.None : ts.NodeFlags.Let));
    if (ts.isCaseClause(node)) return f.updateCaseClause(node, ts.visitNode(node.expression, visit) as ts.Expression, visitStatements(node.statements, ts.NodeFlags.Let));
    if (ts.isDefaultClause(node)) return f.updateDefaultClause(node, visitStatements(node.statements, ts.NodeFlags.Let));
    return ts.visitEachChild(node, visit, nullContext);
  };

  const body = visitStatements(sf.statements, ts.NodeFlags.None);
  const i = directiveCount(body);
  return { file: f.updateSourceFile(sf, [...body.slice(0, i), ...modulePrologue(options.modulePath), ...descriptors, ...directFunctions, ...withModuleRefs(body.slice(i))]), diagnostics, functions, manifest };
}

/** produces: import * as $rt from "dispatch-ts/internal"; const $m = $rt.module("src/app.ts", 3);  (3: the runtime's ABI) */
function modulePrologue(modulePath: string): ts.Statement[] {
  return [
    f.createImportDeclaration(undefined, f.createImportClause(undefined, undefined, f.createNamespaceImport(id("$rt"))), str(INTERNAL_MODULE)),
    f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration("$m", undefined, undefined, call(rt("module"), [str(modulePath), f.createNumericLiteral(ABI)]))], ts.NodeFlags.Const)),
  ];
}

function directiveCount(statements: readonly ts.Statement[]): number {
  let i = 0;
  while (i < statements.length && ts.isExpressionStatement(statements[i]!) && ts.isStringLiteral((statements[i] as ts.ExpressionStatement).expression)) i++;
  return i;
}

/**
 * A module without durable code, registering its top-level bindings only (a module of domain
 * classes imported by durable code: their instances are held across awaits). Nothing else of it
 * changes; a module that declares no value binding (types only) is left as it is.
 */
function registeringOnly(sf: ts.SourceFile, modulePath: string): ts.SourceFile {
  const i = directiveCount(sf.statements);
  const rest = sf.statements.slice(i);
  const registered = withModuleRefs(rest);
  if (registered.length === rest.length) return sf;
  return f.updateSourceFile(sf, [...sf.statements.slice(0, i), ...modulePrologue(modulePath), ...registered]);
}

/**
 * The arguments of `$m.fn`: the meta as one JSON string (the runtime parses it), then the
 * factories of lifted closures (code), when there are any.
 * produces: $m.fn('{"name":"f","slots":["x"],"tries":[],"lines":[0,3],...}', [($f) => (y) => $f.x + y])
 * One string literal instead of an object literal of arrays: a descriptor was ~45 printed nodes,
 * and the build pays for every node it makes and prints (docs/BENCHMARKS.md, "Smaller generated code").
 */
function metaArguments(meta: LoweredMeta, closures: ts.Expression[]): ts.Expression[] {
  // As before the JSON form: absent and false fields are left out.
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) if (v !== undefined && v !== false) data[k] = v;
  const json = f.createStringLiteral(JSON.stringify(data), true);
  return closures.length === 0 ? [json] : [json, f.createArrayLiteralExpression(closures, true)];
}

/** The name a class field gives the function it holds (`onClick = async () => ...` is "onClick"; `#x` is "#x"). */
function fieldName(p: ts.PropertyDeclaration): string {
  const key = p.name;
  return ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNumericLiteral(key) || ts.isPrivateIdentifier(key) ? key.text : "";
}
