// Diagnostics 99002/99003: locals the codec would refuse, live in a frame at
// a durable await. A local counts when the lowering puts it in the frame
// (scope.ts gives it a slot) and some write to it can run before the await
// (earlier in the function, or anywhere in a loop around the await): the
// frame keeps every slot, so it is saved even when it is dead. The frame's
// temporaries (99004) are checked in check-temporaries.ts.
//
// Assumes: only durable awaits (durable-awaits.ts) are suspension points.
// Leaves alone: values whose type says nothing definite (any, unknown,
// promises, functions and generator objects of unknown origin); they fail at run time with the
// frame, the local and the path.
import ts = require("typescript");
import { isFunctionBoundary } from "../contains-await.js";
import { liftBlocker } from "../lift-closure.js";
import { isMarked, staysPlainAsync } from "../find-durable.js";
import type { Declaration, ScopeInfo } from "../scope.js";
import { Diag } from "./codes.js";
import { isDurableOperand, ownAwaits, promiseCombinator, skipOuter, DIRECTIVES } from "./durable-awaits.js";
import type { ProgramFacts } from "./program-facts.js";
import type { Reporter } from "./reporter.js";
import { generatorOrigin } from "./generator-origin.js";
import { isPlatformSymbol, refusalOf, type Refusal } from "./unserializable-type.js";

interface Local {
  decl: Declaration;
  /** The binding name where it is declared. */
  name: ts.Identifier;
  /** The places that write it (the binding itself included), with the written expression when there is one. */
  writes: Write[];
}

export interface Write {
  /** The declaration, parameter or assignment that writes. */
  at: ts.Node;
  /** The value is in the local from this position on (-1: from the function's start, as hoisting does). */
  from: number;
  value: ts.Expression | undefined;
}

export function checkFrameState(facts: ProgramFacts, fn: ts.FunctionLikeDeclaration, scopes: ScopeInfo, lowered: ReadonlySet<ts.Node>, reporter: Reporter): void {
  const durable = ownAwaits(fn).filter((a) => isDurableOperand(facts, a.expression));
  if (durable.length === 0) return;
  const where = functionLabel(fn);
  for (const local of frameLocals(fn, scopes)) {
    const refusal = localRefusal(facts, fn, scopes, lowered, local);
    if (refusal === undefined) continue;
    const keeper = durable.find((a) => local.writes.some((w) => mayRunBefore(fn, w, a)));
    if (keeper === undefined) continue;
    const what = describe(local.name.text, refusal);
    const line = lineOf(keeper);
    reporter.reportGroup([
      {
        kind: Diag.unserializableLocal,
        node: local.name,
        message: `cannot keep ${what} in the frame of ${where}: it is live at the durable await on line ${line}, and it cannot be serialized; ${refusal.fix}`,
        related: [{ node: keeper, message: "the durable await that keeps it" }],
      },
      {
        kind: Diag.keptAlive,
        node: keeper,
        message: `this durable await keeps ${what} in the frame of ${where}, and it cannot be serialized; ${refusal.fix}`,
        related: [{ node: local.name, message: `${local.name.text} is declared here` }],
      },
    ]);
  }
}

function describe(name: string, r: Refusal): string {
  return r.path === "" ? `\`${name}\` (${r.what})` : `\`${name}\` (${r.what} at ${name}${r.path})`;
}

export function functionLabel(fn: ts.FunctionLikeDeclaration): string {
  const n = fn.name;
  if (n !== undefined && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n))) return `\`${n.text}\``;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return `\`${p.name.text}\``;
  return "the durable function";
}

export function lineOf(n: ts.Node): number {
  const sf = n.getSourceFile();
  return sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
}

/** The frame-resident locals of every function of a file, by function: one pass over the file's scope tables. */
const localsByFile = new WeakMap<ScopeInfo, Map<ts.Node, Local[]>>();

/** The function's frame-resident locals (its slots), each with the places that write it. */
function frameLocals(fn: ts.FunctionLikeDeclaration, scopes: ScopeInfo): readonly Local[] {
  let byOwner = localsByFile.get(scopes);
  if (byOwner === undefined) localsByFile.set(scopes, (byOwner = allFrameLocals(scopes)));
  return byOwner.get(fn) ?? [];
}

function allFrameLocals(scopes: ScopeInfo): Map<ts.Node, Local[]> {
  const byDecl = new Map<Declaration, Local>();
  for (const [nameNode, decls] of scopes.declarations) {
    for (const d of decls) {
      if (d.owner === undefined || d.slot === undefined || !ts.isIdentifier(nameNode)) continue;
      let l = byDecl.get(d);
      if (l === undefined) byDecl.set(d, (l = { decl: d, name: nameNode, writes: [] }));
      if (nameNode.pos < l.name.pos) l.name = nameNode;
      const w = bindingWrite(nameNode);
      if (w !== undefined) l.writes.push(w);
    }
  }
  for (const [id, d] of scopes.resolved) {
    const l = byDecl.get(d);
    if (l === undefined || scopes.declarations.has(id)) continue;
    const w = assignmentWrite(id);
    if (w !== undefined) l.writes.push(w);
  }
  const out = new Map<ts.Node, Local[]>();
  for (const l of byDecl.values()) {
    let list = out.get(l.decl.owner!);
    if (list === undefined) out.set(l.decl.owner!, (list = []));
    list.push(l);
  }
  return out;
}

/** A binding name as a write: with its initializer, or as a parameter, catch or loop binding. */
function bindingWrite(name: ts.Identifier): Write | undefined {
  let p: ts.Node = name.parent;
  if (ts.isVariableDeclaration(p) && ts.isCatchClause(p.parent)) return { at: p, from: p.end, value: undefined };
  if (ts.isVariableDeclaration(p)) {
    const head = ts.isVariableDeclarationList(p.parent) && (ts.isForOfStatement(p.parent.parent) || ts.isForInStatement(p.parent.parent)) ? p.parent.parent : undefined;
    if (p.initializer === undefined && head === undefined) return undefined;
    // A loop binding is written after the iterable is evaluated; a declaration after its initializer.
    return { at: p, from: head !== undefined ? head.expression.end : p.end, value: p.name === name ? p.initializer : undefined };
  }
  while (ts.isBindingElement(p) || ts.isObjectBindingPattern(p) || ts.isArrayBindingPattern(p)) p = p.parent;
  if (ts.isVariableDeclaration(p)) return { at: p, from: p.end, value: undefined };
  if (ts.isFunctionDeclaration(p)) return { at: p, from: -1, value: undefined };
  if (ts.isClassDeclaration(p)) return { at: p, from: p.end, value: undefined };
  return { at: name, from: -1, value: undefined }; // parameters
}

/** An identifier that is assigned: `x = e`, `x += e`, `x++`, `[x] = e`, `for (x of ...)`. */
function assignmentWrite(id: ts.Identifier): Write | undefined {
  let child: ts.Node = id;
  let p = id.parent;
  while (ts.isParenthesizedExpression(p)) (child = p), (p = p.parent);
  if (ts.isBinaryExpression(p) && p.left === child && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    return { at: p, from: p.end, value: p.operatorToken.kind === ts.SyntaxKind.EqualsToken ? p.right : undefined };
  }
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return { at: p, from: p.end, value: undefined };
  // Destructuring assignment targets and for-of/in heads without a declaration.
  for (let q: ts.Node = p; !ts.isStatement(q) && !isFunctionBoundary(q); q = q.parent) {
    if (ts.isBinaryExpression(q) && q.operatorToken.kind === ts.SyntaxKind.EqualsToken && isWithin(id, q.left)) return { at: q, from: q.end, value: undefined };
    if ((ts.isForOfStatement(q.parent) || ts.isForInStatement(q.parent)) && q.parent.initializer === q) return { at: q, from: q.parent.expression.end, value: undefined };
  }
  return undefined;
}

/** Whether a write can have run when the await waits: earlier in the function, or in a loop around both. */
export function mayRunBefore(fn: ts.Node, write: Write, a: ts.Node): boolean {
  if (write.from <= a.pos) return true;
  for (let p: ts.Node | undefined = a.parent; p !== undefined && p !== fn; p = p.parent) {
    if (ts.isIterationStatement(p, false) && isWithin(write.at, p)) return true;
  }
  return false;
}

export function isWithin(n: ts.Node, ancestor: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p !== undefined; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Why a local's values cannot be saved, when its type or its writes show it. */
function localRefusal(facts: ProgramFacts, fn: ts.FunctionLikeDeclaration, scopes: ScopeInfo, lowered: ReadonlySet<ts.Node>, l: Local): Refusal | undefined {
  const decl = l.name.parent;
  if (ts.isClassDeclaration(decl)) return localClass(decl);
  if (ts.isFunctionDeclaration(decl)) return functionRefusal(fn, scopes, lowered, decl);
  const t = facts.checker.getTypeAtLocation(l.name);
  const r = refusalOf(facts, t);
  if (r !== undefined && r.kind === "promise") {
    return r.path === "" && l.writes.some((w) => w.value !== undefined && isOrdinaryPromise(facts, w.value)) ? r : undefined;
  }
  // A generator object is saved when a lowered generator made it: reported only when a write shows a native one.
  if (r?.byOrigin === true) {
    return r.path === "" && l.writes.some((w) => w.value !== undefined && generatorOrigin(facts, w.value) === "native") ? r : undefined;
  }
  if (r !== undefined) return r;
  if (t.getCallSignatures().length > 0) {
    for (const w of l.writes) {
      if (w.value === undefined) continue;
      const v = skipOuter(w.value);
      if (ts.isClassExpression(v)) return localClass(v);
      if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) {
        const fr = functionRefusal(fn, scopes, lowered, v);
        if (fr !== undefined) return fr;
      } else if (ts.isCallExpression(v) && ts.isPropertyAccessExpression(v.expression) && v.expression.name.text === "bind" && facts.checker.getTypeAtLocation(v.expression.expression).getCallSignatures().length > 0) {
        return { kind: "platform", what: "bound function", fix: "bound functions cannot be saved; call the function with its `this` where it is used, or use an arrow function declared in this durable function", path: "" };
      }
    }
  }
  return undefined;
}

/** A class declared in a durable body whose binding is in the frame: the constructor is not a module-level binding. */
function localClass(c: ts.ClassLikeDeclaration): Refusal {
  const name = c.name?.text ?? "(anonymous)";
  return { kind: "platform", what: `class ${name} declared inside a durable function`, fix: "only classes declared at module level (or registered) can be saved; move the class to module level", path: "" };
}

function functionRefusal(fn: ts.FunctionLikeDeclaration, scopes: ScopeInfo, lowered: ReadonlySet<ts.Node>, f: ts.FunctionLikeDeclaration): Refusal | undefined {
  if (f.parent === undefined || !isWithin(f, fn)) return undefined;
  const blocker = liftBlocker(scopes, fn, f, lowered);
  if (blocker === undefined) return undefined;
  const what = lowered.has(f) ? "durable helper" : "closure";
  switch (blocker.kind) {
    case "super":
    case "new.target":
      return { kind: "platform", what: `${what} that cannot be saved (it uses \`${blocker.kind}\`)`, fix: `read what it needs from \`${blocker.kind}\` before making the ${what} and keep that in a local, or declare it at module level`, path: "" };
    case "this":
    case "arguments":
      return { kind: "platform", what: `${what} that cannot be saved (it reads \`${blocker.kind}\` of an enclosing function that cannot keep it for a closure: a constructor, a field initializer, a static block, or another durable function)`, fix: `copy \`${blocker.kind}\` into a local of that function (\`const self = ${blocker.kind}\`) and read the local`, path: "" };
    case "local":
      return {
        kind: "platform",
        what: blocker.name === "" ? `${what} that cannot be saved` : `${what} that cannot be saved (it reads \`${blocker.name}\`, which can live neither in this frame nor in an environment: a catch or switch-case binding, a function or class declaration, or a local of another durable function)`,
        fix: "read it into a let/const of this durable function (or of the function around the closure) and use that, or declare the closure at module level",
        path: "",
      };
  }
}

/** Whether an expression makes an ordinary promise (one the engine cannot suspend on or save). */
export function isOrdinaryPromise(facts: ProgramFacts, expr: ts.Expression): boolean {
  const e = skipOuter(expr);
  if (ts.isAwaitExpression(e)) return false;
  if (ts.isNewExpression(e)) {
    const s = facts.checker.getSymbolAtLocation(e.expression);
    return s !== undefined && s.getName() === "Promise" && isPlatformSymbol(facts, s);
  }
  if (!ts.isCallExpression(e)) return false;
  const t = facts.checker.getTypeAtLocation(e);
  const r = refusalOf(facts, t);
  if (r?.kind !== "promise") return false;
  if (isDurableOperand(facts, e)) return false;
  const api = facts.apiOf(skipOuter(e.expression));
  if (api !== undefined) return !DIRECTIVES.has(api);
  if (promiseCombinator(facts, e) !== undefined) return false; // its items decide (check-calls.ts)
  const callee = facts.calleeOf(e);
  if (callee !== undefined) {
    // A helper of a "use durable" file that never awaits (nor returns a promise) stays a plain async function (find-durable.ts).
    const role = facts.roleOf(callee);
    return role === undefined || (role.kind === "helper" && !isMarked(role) && callee.body !== undefined && staysPlainAsync(callee.body));
  }
  // No body to look at: declared by the platform or a library, which never makes durable promises.
  const s = facts.checker.getSymbolAtLocation(skipOuter(e.expression));
  const decl = s?.valueDeclaration ?? s?.declarations?.[0];
  return decl !== undefined && decl.getSourceFile().isDeclarationFile && !isRuntimeFile(decl.getSourceFile());
}

function isRuntimeFile(sf: ts.SourceFile): boolean {
  return /[/\\]dispatch-ts[/\\]|[/\\]dist[/\\]runtime[/\\]/.test(sf.fileName);
}
