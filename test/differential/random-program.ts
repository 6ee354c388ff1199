// Random async programs for differential testing: the syntax tree and its printer.
//
// The tree is context-free on purpose, so that fast-check can generate and shrink it without
// knowing what is in scope: a variable is an index into the bindings visible where it is printed,
// a break or continue is an index into the enclosing jump targets, a helper call is an index into
// the helpers. The printer resolves each index (modulo what exists there) and prints something
// harmless when nothing fits (no loop to continue: a log call). Whatever the tree, the printed
// program is valid, deterministic and terminates: every loop runs a bounded number of times with a
// counter that the body cannot assign, helpers recurse with a depth that decreases, and a
// module-level fuel bounds the number of helper activations.
//
// What the printed programs leave out on purpose (the known gaps of test/differential/known-gaps.ts
// and the fixture rules of fixtures/README.md): generators and async iterators, #private fields,
// closures over a catch binding of a handler without an await (it stays a native local that no
// environment holds, so the closure cannot be lifted: TS99002), ordinary promises
// held across awaits (`Promise.resolve(x)` is only ever awaited at once), engine-made error
// messages (no program reads a property of undefined or calls a non-function), and logging
// values that contain functions.

export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "lit"; v: "null" | "undefined" | "true" | "false" }
  | { k: "var"; i: number }
  // await E | await Promise.resolve(E) | await hN(log, d - 1, E)
  | { k: "await"; how: "value" | "resolved"; e: Expr }
  | { k: "call"; h: number; e: Expr; optional: boolean }
  // tap(log, "tN", E): logs the value and returns it, so evaluation order is visible
  | { k: "tap"; e: Expr }
  | { k: "bin"; op: BinOp; l: Expr; r: Expr }
  | { k: "logic"; op: "&&" | "||" | "??"; l: Expr; r: Expr }
  | { k: "cond"; c: Expr; t: Expr; f: Expr }
  | { k: "assign"; op: AssignOp; i: number; e: Expr }
  // o[key] op E
  | { k: "member-assign"; op: AssignOp; key: Expr; e: Expr }
  // o[key] | (E)?.[key] | o.nope?.(E)
  | { k: "member"; how: "object" | "optional" | "optional-call"; obj: Expr; key: Expr }
  | { k: "template"; parts: Expr[] }
  // mix(E, ...[E, E]): a pure module-level function of its arguments
  | { k: "mix"; args: Expr[]; spread: Expr[] | null }
  | { k: "array"; items: Expr[]; spread: Expr[] | null }
  | { k: "object"; props: { key: Expr | string; value: Expr }[] }
  | { k: "comma"; l: Expr; r: Expr }
  | { k: "typeof"; e: Expr }
  // -E | !E | void E
  | { k: "unary"; op: "-" | "!" | "void"; e: Expr }
  // x++ | --x | o[key]++ | --o[key]
  | { k: "update"; op: "++" | "--"; prefix: boolean; i: number; key: Expr | null }
  // delete o[key] | key in o | new Boom(E)
  | { k: "delete"; key: Expr }
  | { k: "in"; key: Expr }
  | { k: "new"; e: Expr }
  // ([x, o[key] = E] = [E, E]) | ({ a: x, [key]: o[key] = E } = { ... }): targets are locals or members of o
  | { k: "destructure-assign"; how: "array" | "object"; targets: [Target, Target]; fallback: Expr; key: Expr; source: Expr[] }
  // await Promise.all([hN(log, d - 1, E) | E, ...])
  | { k: "combinator"; how: "all" | "race" | "allSettled" | "any"; items: { h: number | null; e: Expr }[] };

export type Target = { i: number; member: Expr | null };

export type BinOp = "+" | "-" | "*" | "%" | "===" | "!==" | "<" | ">=" | "==";
export type AssignOp = "=" | "+=" | "-=" | "??=" | "||=" | "&&=";

export type ThrowKind = "error" | "type-error" | "oops" | "boom" | "value";

export type Stmt =
  | { k: "log"; e: Expr }
  | { k: "let"; e: Expr }
  // let vN = hK(log, d - 1, E): a helper's promise held in a local, awaited later or never
  | { k: "spawn"; h: number; e: Expr }
  | { k: "if"; c: Expr; t: Stmt[]; f: Stmt[] | null }
  // for (let i = 0; (E, i < n); i++) | let w = 0; while ((E, w++ < n)) | do {} while ((E, w++ < n))
  | { k: "loop"; how: "for" | "while" | "do"; n: number; test: Expr | null; update: Expr | null; body: Stmt[] }
  | { k: "for-of"; how: "array" | "string" | "entries"; items: Expr[]; body: Stmt[] }
  | { k: "for-in"; props: { key: string; value: Expr }[]; body: Stmt[] }
  | { k: "switch"; disc: Expr; cases: { test: Expr | null; body: Stmt[] }[] }
  | { k: "try"; block: Stmt[]; handler: Stmt[] | null; finalizer: Stmt[] | null }
  | { k: "throw"; how: ThrowKind; e: Expr }
  | { k: "return"; e: Expr }
  | { k: "break"; target: number }
  | { k: "continue"; target: number }
  | { k: "labelled-block"; body: Stmt[] }
  // fs.push(() => E): a closure over whatever is in scope, called later by call-closures
  | { k: "closure"; e: Expr }
  | { k: "call-closures"; e: Expr }
  // const [p = E, q = E] = [E] | const { a: p = E, [E]: q = E } = { ... }
  | { k: "destructure"; how: "array" | "object"; defaults: [Expr, Expr]; source: Expr[] };

export interface Helper {
  // async function hN | const hN = async (...) => | class HN { static async m(...) }
  kind: "function" | "arrow" | "method";
  body: Stmt[];
  result: Expr;
}

export interface Program {
  helpers: Helper[];
  main: Stmt[];
  result: Expr;
}

const STRINGS = ["a", "b", "k", "", "0", "x y"];

interface JumpTarget {
  label: string;
  kind: "loop" | "switch" | "block";
}

// The printer's state for one function body.
class Scope {
  readable: string[] = ["a", "b", "c", "o", "xs", "d"];
  assignable: string[] = ["a", "b", "c"];
  targets: JumpTarget[] = [];
  // Inside a closure: no await, no helper call, no statement.
  sync = false;
  // Catch bindings of handlers without an await: they stay native locals that no environment
  // holds, so a closure over one cannot be lifted into state, and closures never read them.
  // (Other bindings of scopes without an await live in native environments: closures read them.)
  native = new Set<string>();
  // Whether each enclosing block being printed contains an await.
  blockAwaits: boolean[] = [];

  visible(list: string[]): string[] {
    return this.sync ? list.filter((n) => !this.native.has(n)) : list;
  }

  bind(name: string, assignable: boolean, scopeAwaits: boolean, catchBinding = false): void {
    this.readable.push(name);
    if (assignable) this.assignable.push(name);
    if (!scopeAwaits && catchBinding) this.native.add(name);
  }
}

export class Printer {
  private next = 0;
  constructor(private readonly helpers: Helper[]) {}

  private get helperCount(): number {
    return this.helpers.length;
  }

  // The callee text of helper i: a method helper is called on its class.
  private callee(i: number): string {
    const n = i % this.helperCount;
    return this.helpers[n]!.kind === "method" ? `H${n}.m` : `h${n}`;
  }

  private fresh(prefix: string): string {
    return `${prefix}${++this.next}`;
  }

  expr(e: Expr, s: Scope): string {
    switch (e.k) {
      case "num":
        return e.v < 0 ? `(${e.v})` : String(e.v);
      case "str":
        return JSON.stringify(e.v);
      case "lit":
        return e.v;
      case "var":
        const names = s.visible(s.readable);
        return names[e.i % names.length]!;
      case "await": {
        const inner = this.expr(e.e, s);
        if (s.sync) return `(${inner})`;
        return e.how === "value" ? `(await ${inner})` : `(await Promise.resolve(${inner}))`;
      }
      case "call": {
        const arg = this.expr(e.e, s);
        if (s.sync || this.helperCount === 0) return `tap(log, ${JSON.stringify(this.fresh("c"))}, ${arg})`;
        return `(await ${this.callee(e.h)}${e.optional ? "?." : ""}(log, d - 1, ${arg}))`;
      }
      case "tap":
        return `tap(log, ${JSON.stringify(this.fresh("t"))}, ${this.expr(e.e, s)})`;
      case "bin":
        return `(${this.expr(e.l, s)} ${e.op} ${this.expr(e.r, s)})`;
      case "logic":
        return `(${this.expr(e.l, s)} ${e.op} ${this.expr(e.r, s)})`;
      case "cond":
        return `(${this.expr(e.c, s)} ? ${this.expr(e.t, s)} : ${this.expr(e.f, s)})`;
      case "assign": {
        const names = s.visible(s.assignable);
        const target = names[e.i % names.length]!;
        return `(${target} ${e.op} ${this.expr(e.e, s)})`;
      }
      case "member-assign":
        return `(o[${this.key(e.key, s)}] ${e.op} ${this.expr(e.e, s)})`;
      case "member":
        if (e.how === "object") return `o[${this.key(e.key, s)}]`;
        if (e.how === "optional") return `(${this.expr(e.obj, s)})?.[${this.key(e.key, s)}]`;
        return `o.nope?.(${this.expr(e.obj, s)}, ${this.expr(e.key, s)})`;
      case "template":
        return `\`${e.parts.map((p, i) => `${i === 0 ? "" : "-"}\${${this.expr(p, s)}}`).join("")}\``;
      case "mix": {
        const args = e.args.map((a) => this.expr(a, s));
        if (e.spread) args.push(`...[${e.spread.map((a) => this.expr(a, s)).join(", ")}]`);
        return `mix(${args.join(", ")})`;
      }
      case "array": {
        const items = e.items.map((a) => this.expr(a, s));
        if (e.spread) items.push(`...[${e.spread.map((a) => this.expr(a, s)).join(", ")}]`);
        return `[${items.join(", ")}]`;
      }
      case "object": {
        const props = e.props.map((p) =>
          typeof p.key === "string" ? `${JSON.stringify(p.key)}: ${this.expr(p.value, s)}` : `[${this.key(p.key, s)}]: ${this.expr(p.value, s)}`,
        );
        return `({ ${props.join(", ")} })`;
      }
      case "comma":
        return `(${this.expr(e.l, s)}, ${this.expr(e.r, s)})`;
      case "typeof":
        return `(typeof ${this.expr(e.e, s)})`;
      case "unary":
        return `(${e.op}${e.op === "void" ? " " : ""}${this.expr(e.e, s)})`;
      case "update": {
        let target: string;
        if (e.key === null) {
          const names = s.visible(s.assignable);
          target = names[e.i % names.length]!;
        } else target = `o[${this.key(e.key, s)}]`;
        return e.prefix ? `(${e.op}${target})` : `(${target}${e.op})`;
      }
      case "delete":
        return `(delete o[${this.key(e.key, s)}])`;
      case "in":
        return `(${this.key(e.key, s)} in o)`;
      case "new":
        return `new Boom(${this.expr(e.e, s)})`;
      case "destructure-assign": {
        const target = (t: Target) => {
          if (t.member !== null) return `o[${this.key(t.member, s)}]`;
          const names = s.visible(s.assignable);
          return names[t.i % names.length]!;
        };
        const [t1, t2] = [target(e.targets[0]), target(e.targets[1])];
        const fallback = this.expr(e.fallback, s);
        if (e.how === "array") return `([${t1}, ${t2} = ${fallback}] = [${e.source.map((x) => this.expr(x, s)).join(", ")}])`;
        const k = this.key(e.key, s);
        const props = e.source.map((x, i) => `${JSON.stringify(STRINGS[i % STRINGS.length])}: ${this.expr(x, s)}`);
        return `({ a: ${t1}, [${k}]: ${t2} = ${fallback} } = { ${props.join(", ")} })`;
      }
      case "combinator": {
        if (s.sync || this.helperCount === 0) return `[${e.items.map((it) => this.expr(it.e, s)).join(", ")}]`;
        const items = e.items.map((it) =>
          it.h === null ? this.expr(it.e, s) : `${this.callee(it.h)}(log, d - 1, ${this.expr(it.e, s)})`,
        );
        // allSettled's records and any's AggregateError hold only values, never functions
        return `(await Promise.${e.how}([${items.join(", ")}]))`;
      }
    }
  }

  // A property key that is never "__proto__", "nope" or a function-valued name: key(v) maps the
  // value to one of a few strings, after the value's own evaluation.
  private key(e: Expr, s: Scope): string {
    return `key(${this.expr(e, s)})`;
  }

  // Whether the printed code has an await (the printer's choices included): the transform keeps
  // the bindings of a scope without one as native locals.
  exprAwaits(e: Expr): boolean {
    switch (e.k) {
      case "num":
      case "str":
      case "lit":
      case "var":
        return false;
      case "await":
        return true;
      case "call":
      case "combinator":
        return this.helperCount > 0 || (e.k === "call" ? this.exprAwaits(e.e) : e.items.some((it) => this.exprAwaits(it.e)));
      case "tap":
      case "typeof":
      case "unary":
      case "new":
        return this.exprAwaits(e.e);
      case "update":
        return e.key !== null && this.exprAwaits(e.key);
      case "delete":
      case "in":
        return this.exprAwaits(e.key);
      case "destructure-assign":
        return [e.targets[0].member, e.targets[1].member, e.fallback, e.key, ...e.source].some((x) => x !== null && this.exprAwaits(x));
      case "bin":
      case "logic":
      case "comma":
        return this.exprAwaits(e.l) || this.exprAwaits(e.r);
      case "cond":
        return this.exprAwaits(e.c) || this.exprAwaits(e.t) || this.exprAwaits(e.f);
      case "assign":
        return this.exprAwaits(e.e);
      case "member-assign":
        return this.exprAwaits(e.key) || this.exprAwaits(e.e);
      case "member":
        // o[key] prints no object
        return (e.how !== "object" && this.exprAwaits(e.obj)) || this.exprAwaits(e.key);
      case "template":
        return e.parts.some((p) => this.exprAwaits(p));
      case "mix":
      case "array":
        return e.k === "mix"
          ? [...e.args, ...(e.spread ?? [])].some((a) => this.exprAwaits(a))
          : [...e.items, ...(e.spread ?? [])].some((a) => this.exprAwaits(a));
      case "object":
        return e.props.some((p) => (typeof p.key !== "string" && this.exprAwaits(p.key)) || this.exprAwaits(p.value));
    }
  }

  stmtsAwait(list: Stmt[]): boolean {
    return list.some((st) => this.stmtAwaits(st));
  }

  stmtAwaits(st: Stmt): boolean {
    switch (st.k) {
      case "log":
      case "let":
      case "return":
      case "throw":
      case "call-closures":
        return this.exprAwaits(st.e);
      case "spawn":
        return this.exprAwaits(st.e);
      case "closure":
      case "break":
      case "continue":
        return false;
      case "if":
        return this.exprAwaits(st.c) || this.stmtsAwait(st.t) || (st.f !== null && this.stmtsAwait(st.f));
      case "loop":
        return (st.test !== null && this.exprAwaits(st.test)) || (st.update !== null && this.exprAwaits(st.update)) || this.stmtsAwait(st.body);
      case "for-of":
        return st.items.some((e) => this.exprAwaits(e)) || this.stmtsAwait(st.body);
      case "for-in":
        return st.props.some((p) => this.exprAwaits(p.value)) || this.stmtsAwait(st.body);
      case "switch":
        return this.exprAwaits(st.disc) || st.cases.some((c) => (c.test !== null && this.exprAwaits(c.test)) || this.stmtsAwait(c.body));
      case "try":
        return this.stmtsAwait(st.block) || (st.handler !== null && this.stmtsAwait(st.handler)) || (st.finalizer !== null && this.stmtsAwait(st.finalizer));
      case "labelled-block":
        return this.stmtsAwait(st.body);
      case "destructure":
        return this.exprAwaits(st.defaults[0]) || this.exprAwaits(st.defaults[1]) || st.source.some((e) => this.exprAwaits(e));
    }
  }

  block(stmts: Stmt[], s: Scope, indent: string): string[] {
    const saved = { readable: s.readable.length, assignable: s.assignable.length };
    s.blockAwaits.push(stmts.some((st) => this.stmtAwaits(st)));
    const out = stmts.flatMap((st) => this.stmt(st, s, indent));
    s.blockAwaits.pop();
    s.readable.length = saved.readable;
    s.assignable.length = saved.assignable;
    return out;
  }

  private withTarget(s: Scope, target: JumpTarget, fn: () => string[]): string[] {
    s.targets.push(target);
    try {
      return fn();
    } finally {
      const popped = s.targets.pop();
      if (popped !== target) throw new Error("printer: jump targets out of order");
    }
  }

  private jump(kind: "break" | "continue", target: number, s: Scope): string {
    const fits = s.targets.filter((t) => kind === "break" || t.kind === "loop");
    if (fits.length === 0) return `log(${JSON.stringify(`no ${kind}`)});`;
    const t = fits[target % fits.length]!;
    // An unlabelled jump where it means the same, a labelled one otherwise.
    const innermost = s.targets.filter((x) => x.kind !== "block").at(-1);
    if (t === innermost && target % 2 === 0) return `${kind};`;
    return `${kind} ${t.label};`;
  }

  stmt(st: Stmt, s: Scope, indent: string): string[] {
    const i2 = `${indent}  `;
    const id = JSON.stringify(this.fresh("s"));
    switch (st.k) {
      case "log":
        return [`${indent}log(${id}, ${this.expr(st.e, s)});`];
      case "let": {
        const name = this.fresh("v");
        const line = `${indent}let ${name} = ${this.expr(st.e, s)};`;
        s.bind(name, true, s.blockAwaits.at(-1)!);
        return [line];
      }
      case "spawn": {
        if (this.helperCount === 0) return [`${indent}log(${id}, ${this.expr(st.e, s)});`];
        const name = this.fresh("v");
        const line = `${indent}let ${name} = ${this.callee(st.h)}(log, d - 1, ${this.expr(st.e, s)});`;
        s.bind(name, true, s.blockAwaits.at(-1)!);
        return [line];
      }
      case "if": {
        const out = [`${indent}if (${this.expr(st.c, s)}) {`, ...this.block(st.t, s, i2)];
        if (st.f) out.push(`${indent}} else {`, ...this.block(st.f, s, i2));
        out.push(`${indent}}`);
        return out;
      }
      case "loop": {
        const label = this.fresh("L");
        const counter = this.fresh(st.how === "for" ? "i" : "w");
        const test = (cond: string) => (st.test ? `(${this.expr(st.test, s)}, ${cond})` : cond);
        return this.withTarget(s, { label, kind: "loop" }, () => {
          if (st.how === "for") {
            const update = st.update ? `(${this.expr(st.update, s)}, ${counter}++)` : `${counter}++`;
            const head = `${indent}${label}: for (let ${counter} = 0; ${test(`${counter} < ${st.n}`)}; ${update}) {`;
            s.bind(counter, false, this.stmtAwaits(st));
            const body = this.block(st.body, s, i2);
            s.readable.pop();
            return [head, ...body, `${indent}}`];
          }
          const decl = `${indent}let ${counter} = 0;`;
          if (st.how === "while") {
            const head = `${indent}${label}: while (${test(`${counter}++ < ${st.n}`)}) {`;
            return [decl, head, ...this.block(st.body, s, i2), `${indent}}`];
          }
          const body = this.block(st.body, s, i2);
          return [decl, `${indent}${label}: do {`, ...body, `${indent}} while (${test(`++${counter} < ${st.n}`)});`];
        });
      }
      case "for-of": {
        const label = this.fresh("L");
        const name = this.fresh("x");
        const items = st.items.map((e) => this.expr(e, s));
        const source =
          st.how === "array" ? `[${items.join(", ")}]` : st.how === "string" ? `String(${items.join(" + ") || '"ab"'}).slice(0, 3)` : `[${items.join(", ")}].entries()`;
        const head = `${indent}${label}: for (const ${name} of ${source}) {`;
        return this.withTarget(s, { label, kind: "loop" }, () => {
          s.bind(name, false, st.items.some((e) => this.exprAwaits(e)) || this.stmtsAwait(st.body));
          const body = this.block(st.body, s, i2);
          s.readable.pop();
          return [head, ...body, `${indent}}`];
        });
      }
      case "for-in": {
        const label = this.fresh("L");
        const name = this.fresh("k");
        const props = st.props.map((p) => `${JSON.stringify(p.key)}: ${this.expr(p.value, s)}`);
        const head = `${indent}${label}: for (const ${name} in { ${props.join(", ")} }) {`;
        return this.withTarget(s, { label, kind: "loop" }, () => {
          s.bind(name, false, st.props.some((p) => this.exprAwaits(p.value)) || this.stmtsAwait(st.body));
          const body = this.block(st.body, s, i2);
          s.readable.pop();
          return [head, ...body, `${indent}}`];
        });
      }
      case "switch": {
        const label = this.fresh("S");
        const head = `${indent}${label}: switch (${this.expr(st.disc, s)}) {`;
        return this.withTarget(s, { label, kind: "switch" }, () => {
          const out = [head];
          let hasDefault = false;
          for (const c of st.cases) {
            // one default at most; a second one becomes a case
            const isDefault: boolean = c.test === null && !hasDefault;
            hasDefault ||= isDefault;
            // `case ({}): {` parses as an arrow function with a return type in TypeScript: `case [({})][0]:`
            const test = isDefault ? "" : this.expr(c.test ?? { k: "num", v: 0 }, s);
            out.push(isDefault ? `${i2}default: {` : `${i2}case ${test.startsWith("(") ? `[${test}][0]` : test}: {`);
            // braces: each case its own block, so no case reads another's let in its dead zone
            out.push(...this.block(c.body, s, `${i2}  `), `${i2}}`);
          }
          out.push(`${indent}}`);
          return out;
        });
      }
      case "try": {
        const out = [`${indent}try {`, ...this.block(st.block, s, i2)];
        const finalizer = st.finalizer ?? (st.handler ? null : []);
        if (st.handler) {
          const name = this.fresh("e");
          out.push(`${indent}} catch (${name}) {`, `${i2}log(${id}, "caught", ${name});`);
          s.bind(name, false, this.stmtsAwait(st.handler), true);
          out.push(...this.block(st.handler, s, i2));
          s.readable.pop();
        }
        if (finalizer) out.push(`${indent}} finally {`, ...this.block(finalizer, s, i2));
        out.push(`${indent}}`);
        return out;
      }
      case "throw": {
        const v = this.expr(st.e, s);
        const thrown = {
          error: `new Error(String(${v}))`,
          "type-error": `new TypeError("type " + typeof ${v})`,
          oops: `new Oops(${v})`,
          boom: `new Boom(${v})`,
          value: v,
        }[st.how];
        return [`${indent}throw ${thrown};`];
      }
      case "return":
        return [`${indent}return ${this.expr(st.e, s)};`];
      case "break":
      case "continue":
        return [`${indent}${this.jump(st.k, st.target, s)}`];
      case "labelled-block": {
        const label = this.fresh("B");
        return this.withTarget(s, { label, kind: "block" }, () => [`${indent}${label}: {`, ...this.block(st.body, s, i2), `${indent}}`]);
      }
      case "closure": {
        s.sync = true;
        try {
          return [`${indent}fs.push(() => ${this.expr(st.e, s)});`];
        } finally {
          s.sync = false;
        }
      }
      case "call-closures": {
        const f = this.fresh("f");
        return [`${indent}for (const ${f} of fs) log(${id}, ${f}(), ${this.expr(st.e, s)});`];
      }
      case "destructure": {
        const [p, q] = [this.fresh("p"), this.fresh("q")];
        const [dp, dq] = st.defaults.map((e) => this.expr(e, s));
        let line: string;
        if (st.how === "array") {
          line = `${indent}let [${p} = ${dp}, ${q} = ${dq}] = [${st.source.map((e) => this.expr(e, s)).join(", ")}];`;
        } else {
          const [first, ...rest] = st.source;
          const k = first ? this.key(first, s) : '"b"';
          const props = rest.map((e, i) => `${JSON.stringify(STRINGS[i % STRINGS.length])}: ${this.expr(e, s)}`);
          line = `${indent}let { a: ${p} = ${dp}, [${k}]: ${q} = ${dq} } = { ${props.join(", ")} };`;
        }
        s.bind(p, true, s.blockAwaits.at(-1)!);
        s.bind(q, true, s.blockAwaits.at(-1)!);
        return [line];
      }
    }
  }

  // async function hN(log, d, p) { ... }: a durable helper with a depth that bounds recursion.
  helper(h: Helper, index: number): string[] {
    const s = new Scope();
    s.bind("p", true, true);
    const head = { function: `async function h${index}(log, d, p) {`, arrow: `const h${index} = async (log, d, p) => {`, method: `class H${index} {\n  static async m(log, d, p) {` }[h.kind];
    const tail = { function: "}", arrow: "};", method: "  }\n}" }[h.kind];
    return [
      head,
      `  log("enter h${index}", d, p);`,
      `  if (d <= 0 || --fuel.left < 0) {`,
      `    await null;`,
      `    return p;`,
      `  }`,
      `  let a = 1, b = "s", c = [p];`,
      `  const o = { a: 1, b: "x" }, xs = [1, 2], fs = [];`,
      ...this.block(h.body, s, "  "),
      `  return ${this.expr(h.result, s)};`,
      tail,
    ];
  }

  program(p: Program): string {
    const lines = [
      "// a random program (test/differential/random-program.ts)",
      '"use durable";',
      "const fuel = { left: 40 };",
      "class Oops extends Error {",
      "  constructor(m) {",
      "    super(String(m));",
      '    this.name = "Oops";',
      "  }",
      "}",
      "class Boom {",
      "  constructor(v) {",
      "    this.v = v;",
      "  }",
      "}",
      "function tap(log, tag, v) {",
      "  log(tag, v);",
      "  return v;",
      "}",
      "function mix(...vs) {",
      '  return vs.length + ":" + vs.map((v) => typeof v).join(",");',
      "}",
      `const KEYS = ${JSON.stringify(STRINGS)};`,
      "function key(v) {",
      '  const n = typeof v === "number" && Number.isFinite(v) ? Math.abs(Math.trunc(v)) : String(v).length;',
      "  return KEYS[n % KEYS.length];",
      "}",
      ...p.helpers.flatMap((h, i) => this.helper(h, i)),
      "export default async function main(log) {",
      "  const d = 2;",
      "  let a = 1, b = \"s\", c = [0];",
      "  const o = { a: 1, b: \"x\" }, xs = [1, 2], fs = [];",
    ];
    const s = new Scope();
    lines.push(...this.block(p.main, s, "  "), `  return ${this.expr(p.result, s)};`, "}");
    return `${lines.join("\n")}\n`;
  }
}

export function printProgram(p: Program): string {
  return new Printer(p.helpers).program(p);
}
