// Scope analysis for one source file.
//
// Guarantees: every identifier that refers to a variable (not a property name,
// label or type) is resolved to its declaration by the language's scoping
// rules (var to the function, let/const/class/function-in-block to the block,
// parameters, catch bindings, for-loop heads). A declaration is "slotted" when
// its owner is a function being lowered and its scope contains an await of
// that function (for a case block: when its switch does, discriminant and
// case tests included): then it lives in the frame as `$f.<slot>`. Declarations of
// scopes without an await stay native variables, so sync loops keep their
// per-iteration bindings and their speed.
// Assumes: the file parsed without syntax errors. Leaves alone: `with` and
// direct `eval` (reported by the unsupported-construct checker).
import ts = require("typescript");
import { containsAwait, isFunctionBoundary } from "./contains-await.js";
import { assignEnvironments, type Environment } from "./environments.js";
import { assignNativeEnvironments, type NativeEnvironment } from "./native-environments.js";

export interface Declaration {
  name: string;
  /** The node whose scope holds the declaration (function-like, block, for, catch clause, source file). */
  scope: ts.Node;
  /** The function-like node owning the scope, undefined at module level. */
  owner: ts.Node | undefined;
  /** The frame field, when slotted; the property of its environment when it has one. */
  slot?: string;
  /** The frame field of the per-entry environment holding it (environments.ts). */
  env?: string;
  /** The native variable of the per-entry environment holding a captured native local (native-environments.ts). */
  native?: string;
  /** The durable function whose closures lift with that environment. */
  nativeHost?: ts.Node;
}

export interface ScopeInfo {
  /** Identifier occurrences (references and binding names) to their declarations. */
  resolved: Map<ts.Identifier, Declaration>;
  /** Declarations by declaring name node (identifiers in binding positions). */
  declarations: Map<ts.Node, Declaration[]>;
  /** Frame fields of each lowered function, in declaration order. */
  slots: Map<ts.Node, string[]>;
  /** Per-entry environments of the scopes whose captured bindings need one. */
  envs: Map<ts.Node, Environment>;
  /** Per-entry environments of captured native locals in durable bodies, by scope. */
  nativeEnvs: Map<ts.Node, NativeEnvironment>;
}

const RESERVED = new Set(["$pc", "$a", "$r", "$e", "$k", "$this", "$args"]);

// Kinds that always open a scope, as a table (asked for every ancestor of every identifier
// resolved; each `ts.isX` is a property load through the typescript module's accessors).
const SCOPE_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
]) SCOPE_KINDS[k] = 1;
const BLOCK = ts.SyntaxKind.Block;

function isScopeNode(node: ts.Node): boolean {
  return SCOPE_KINDS[node.kind] === 1 || isFunctionBoundary(node) || (node.kind === BLOCK && !isFunctionBoundary(node.parent));
}

// The kinds that declare a binding (the cases of analyzeScopes' `declareIn`): every node of the
// file is asked, and most declare nothing.
const DECLARING_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [
  ts.SyntaxKind.VariableDeclarationList,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ImportClause,
  ts.SyntaxKind.ImportSpecifier,
  ts.SyntaxKind.NamespaceImport,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
]) DECLARING_KINDS[k] = 1;

function nearestFunctionScope(node: ts.Node): ts.Node {
  let n: ts.Node = node;
  while (!ts.isSourceFile(n) && !isFunctionBoundary(n)) n = n.parent;
  return n;
}

function nearestBlockScope(node: ts.Node): ts.Node {
  let n: ts.Node = node.parent;
  while (!isScopeNode(n)) n = n.parent;
  return n;
}

function ownerOf(scope: ts.Node): ts.Node | undefined {
  return ts.isSourceFile(scope) ? undefined : nearestFunctionScope(scope);
}

function bindingNames(name: ts.BindingName, out: ts.Identifier[]): void {
  if (ts.isIdentifier(name)) out.push(name);
  else
    for (const el of name.elements) {
      if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
    }
}

/** Whether an identifier occurrence refers to a variable. */
function isReference(id: ts.Identifier): boolean {
  // One switch over the parent's kind: asked of every identifier of the file.
  const p = id.parent;
  const SK = ts.SyntaxKind;
  switch (p.kind) {
    case SK.PropertyAccessExpression:
      return (p as ts.PropertyAccessExpression).expression === id;
    case SK.PropertyAssignment:
    case SK.PropertyDeclaration:
    case SK.MethodDeclaration:
    case SK.GetAccessor:
    case SK.SetAccessor:
    case SK.PropertySignature:
    case SK.MethodSignature:
    case SK.EnumMember:
      return (p as ts.NamedDeclaration).name !== id;
    case SK.BindingElement:
      return (p as ts.BindingElement).propertyName !== id;
    case SK.ExpressionWithTypeArguments:
      return ts.isHeritageClause(p.parent);
    case SK.QualifiedName:
    case SK.LabeledStatement:
    case SK.BreakStatement:
    case SK.ContinueStatement:
    case SK.ImportSpecifier:
    case SK.ExportSpecifier:
    case SK.ImportClause:
    case SK.NamespaceImport:
    case SK.MetaProperty:
    case SK.JsxAttribute:
    case SK.TypeReference:
    case SK.TypeQuery:
    case SK.TypeAliasDeclaration:
    case SK.InterfaceDeclaration:
    case SK.TypeParameter:
      return false;
  }
  return true;
}

export function analyzeScopes(file: ts.SourceFile, lowered: ReadonlySet<ts.Node>): ScopeInfo {
  const scopes = new Map<ts.Node, Map<string, Declaration>>();
  const declarations = new Map<ts.Node, Declaration[]>();
  const slotNames = new Map<ts.Node, Set<string>>();
  const slots = new Map<ts.Node, string[]>();

  const declare = (scope: ts.Node, id: ts.Identifier, slottable = true): void => {
    let table = scopes.get(scope);
    if (table === undefined) scopes.set(scope, (table = new Map()));
    let d = table.get(id.text);
    if (d === undefined) {
      d = { name: id.text, scope, owner: ownerOf(scope) };
      table.set(id.text, d);
      const owner = d.owner;
      if (slottable && owner !== undefined && lowered.has(owner) && scopeHasAwait(scope, owner)) {
        let used = slotNames.get(owner);
        if (used === undefined) slotNames.set(owner, (used = new Set()));
        let slot = id.text;
        for (let i = 1; used.has(slot) || RESERVED.has(slot) || /^\$[tce]\d+$/.test(slot); i++) slot = `${id.text}$${i}`;
        used.add(slot);
        d.slot = slot;
        let list = slots.get(owner);
        if (list === undefined) slots.set(owner, (list = []));
        list.push(slot);
      }
    }
    const list = declarations.get(id) ?? [];
    list.push(d);
    declarations.set(id, list);
  };

  const collect = (node: ts.Node): void => {
    if (DECLARING_KINDS[node.kind] === 1) declareIn(node);
    if (ts.isTypeNode(node)) return;
    ts.forEachChild(node, collect);
  };
  const declareIn = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node)) {
      const blockScoped = (node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using)) !== 0;
      const scope = blockScoped ? nearestBlockScope(node) : nearestFunctionScope(node);
      for (const decl of node.declarations) {
        const ids: ts.Identifier[] = [];
        bindingNames(decl.name, ids);
        for (const id of ids) declare(scope, id);
      }
    } else if (ts.isParameter(node) && !(ts.isIdentifier(node.name) && node.name.text === "this")) {
      // (A `this` parameter is a type annotation: it binds nothing, so it gets no frame field.)
      const ids: ts.Identifier[] = [];
      bindingNames(node.name, ids);
      for (const id of ids) declare(node.parent, id);
    } else if (ts.isFunctionDeclaration(node) && node.name) {
      const parent = node.parent;
      let scope: ts.Node;
      if (ts.isSourceFile(parent)) scope = parent;
      else if (ts.isBlock(parent) && isFunctionBoundary(parent.parent)) scope = parent.parent;
      else scope = nearestBlockScope(node);
      declare(scope, node.name);
    } else if (ts.isFunctionExpression(node) && node.name) {
      // The own name of a function expression is immutable and never part of the
      // frame: the driver binds it to the function the expression creates.
      declare(node, node.name, false);
    } else if (ts.isClassDeclaration(node) && node.name) {
      declare(nearestBlockScope(node), node.name);
    } else if (ts.isClassExpression(node) && node.name) {
      declare(node, node.name);
    } else if (ts.isCatchClause(node) && node.variableDeclaration) {
      const ids: ts.Identifier[] = [];
      bindingNames(node.variableDeclaration.name, ids);
      for (const id of ids) declare(node, id);
    } else if (ts.isImportClause(node) && node.name) {
      declare(file, node.name);
    } else if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node)) {
      declare(file, node.name);
    } else if (ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) {
      if (ts.isIdentifier(node.name)) declare(nearestBlockScope(node), node.name);
    }
  };
  collect(file);

  const resolved = new Map<ts.Identifier, Declaration>();
  const resolve = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && isReference(node)) {
      const own = declarations.get(node);
      if (own !== undefined) resolved.set(node, own[own.length - 1]!);
      else {
        for (let s: ts.Node | undefined = node.parent; s !== undefined; s = s.parent) {
          if (!isScopeNode(s)) continue;
          // A function-like's parameters and its body share one scope; a block that is a
          // function body is not a scope of its own.
          const d = scopes.get(s)?.get(node.text);
          if (d !== undefined) {
            resolved.set(node, d);
            break;
          }
        }
      }
    }
    if (ts.isTypeNode(node)) return;
    ts.forEachChild(node, resolve);
  };
  resolve(file);
  const envs = assignEnvironments(resolved, declarations, slots, lowered);
  const nativeEnvs = assignNativeEnvironments(file, resolved, declarations, lowered);
  return { resolved, declarations, slots, envs, nativeEnvs };
}

function scopeHasAwait(scope: ts.Node, owner: ts.Node): boolean {
  if (scope === owner) {
    const body = (owner as ts.FunctionLikeDeclaration).body;
    return body !== undefined && containsAwait(body);
  }
  // A switch split around an await of its discriminant or a case test has its clauses lowered
  // too: their bindings live in the frame (a native one could not be reached across states).
  if (ts.isCaseBlock(scope)) return containsAwait(scope.parent);
  return containsAwait(scope);
}

const referencesByScopes = new WeakMap<ScopeInfo, Map<Declaration, ts.Identifier[]>>();

/** The identifiers that refer to a declaration (an index of `resolved`, made once per file). */
export function referencesOf(scopes: ScopeInfo, d: Declaration): readonly ts.Identifier[] {
  let map = referencesByScopes.get(scopes);
  if (map === undefined) {
    map = new Map();
    for (const [ref, decl] of scopes.resolved) {
      const list = map.get(decl);
      if (list === undefined) map.set(decl, [ref]);
      else list.push(ref);
    }
    referencesByScopes.set(scopes, map);
  }
  return map.get(d) ?? [];
}
