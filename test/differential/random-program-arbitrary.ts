// fast-check arbitraries for the random programs of random-program.ts.
//
// Expressions and statements are recursive through fc.letrec with a depth bound each, so programs
// stay small enough to read when a property fails, and fast-check shrinks them structurally (a
// statement list loses statements, a node becomes one of its children, a literal becomes 0).
// Awaits are frequent on purpose: almost every operand slot can hold one.
import fc from "fast-check";
import type { AssignOp, BinOp, Expr, Helper, Program, Stmt } from "./random-program.js";

const index = fc.nat({ max: 7 });

const BIN_OPS: BinOp[] = ["+", "-", "*", "%", "===", "!==", "<", ">=", "=="];
const ASSIGN_OPS: AssignOp[] = ["=", "+=", "-=", "??=", "||=", "&&="];

const exprs = fc.letrec<{ expr: Expr; leaf: Expr }>((tie) => {
  const expr = tie("expr");
  const leaf = fc.oneof(
    fc.record({ k: fc.constant("num" as const), v: fc.integer({ min: -3, max: 9 }) }),
    fc.record({ k: fc.constant("str" as const), v: fc.constantFrom("a", "b", "", "0", "x y") }),
    fc.record({ k: fc.constant("lit" as const), v: fc.constantFrom("null" as const, "undefined" as const, "true" as const, "false" as const) }),
    fc.record({ k: fc.constant("var" as const), i: index }),
  );
  const list = (max: number) => fc.array(expr, { maxLength: max });
  return {
    leaf,
    expr: fc.oneof(
      { depthSize: "small", maxDepth: 3, depthIdentifier: "expr", withCrossShrink: true },
      leaf,
      leaf,
      fc.record({ k: fc.constant("await" as const), how: fc.constantFrom("value" as const, "resolved" as const), e: expr }),
      fc.record({ k: fc.constant("await" as const), how: fc.constant("value" as const), e: leaf }),
      fc.record({ k: fc.constant("call" as const), h: index, e: expr, optional: fc.boolean() }),
      fc.record({ k: fc.constant("tap" as const), e: expr }),
      fc.record({ k: fc.constant("bin" as const), op: fc.constantFrom(...BIN_OPS), l: expr, r: expr }),
      fc.record({ k: fc.constant("logic" as const), op: fc.constantFrom("&&" as const, "||" as const, "??" as const), l: expr, r: expr }),
      fc.record({ k: fc.constant("cond" as const), c: expr, t: expr, f: expr }),
      fc.record({ k: fc.constant("assign" as const), op: fc.constantFrom(...ASSIGN_OPS), i: index, e: expr }),
      fc.record({ k: fc.constant("member-assign" as const), op: fc.constantFrom(...ASSIGN_OPS), key: expr, e: expr }),
      fc.record({ k: fc.constant("member" as const), how: fc.constantFrom("object" as const, "optional" as const, "optional-call" as const), obj: expr, key: expr }),
      fc.record({ k: fc.constant("template" as const), parts: fc.array(expr, { minLength: 1, maxLength: 3 }) }),
      fc.record({ k: fc.constant("mix" as const), args: list(3), spread: fc.option(list(2), { nil: null }) }),
      fc.record({ k: fc.constant("array" as const), items: list(3), spread: fc.option(list(2), { nil: null }) }),
      fc.record({
        k: fc.constant("object" as const),
        props: fc.array(fc.record({ key: fc.oneof(fc.constantFrom("a", "b", "k"), expr), value: expr }), { maxLength: 3 }),
      }),
      fc.record({ k: fc.constant("comma" as const), l: expr, r: expr }),
      fc.record({ k: fc.constant("typeof" as const), e: expr }),
      fc.record({ k: fc.constant("unary" as const), op: fc.constantFrom("-" as const, "!" as const, "void" as const), e: expr }),
      fc.record({ k: fc.constant("update" as const), op: fc.constantFrom("++" as const, "--" as const), prefix: fc.boolean(), i: index, key: fc.option(expr, { nil: null }) }),
      fc.record({ k: fc.constant("delete" as const), key: expr }),
      fc.record({ k: fc.constant("in" as const), key: expr }),
      fc.record({ k: fc.constant("new" as const), e: expr }),
      fc.record({
        k: fc.constant("destructure-assign" as const),
        how: fc.constantFrom("array" as const, "object" as const),
        targets: fc.tuple(fc.record({ i: index, member: fc.option(expr, { nil: null, freq: 2 }) }), fc.record({ i: index, member: fc.option(expr, { nil: null, freq: 2 }) })),
        fallback: expr,
        key: expr,
        source: fc.array(expr, { maxLength: 3 }),
      }),
      fc.record({
        k: fc.constant("combinator" as const),
        how: fc.constantFrom("all" as const, "race" as const, "allSettled" as const, "any" as const),
        items: fc.array(fc.record({ h: fc.option(index, { nil: null }), e: expr }), { minLength: 1, maxLength: 3 }),
      }),
    ),
  };
});

export const exprArbitrary: fc.Arbitrary<Expr> = exprs.expr;

const stmts = fc.letrec<{ stmt: Stmt; body: Stmt[] }>((tie) => {
  const stmt = tie("stmt");
  const body = fc.array(stmt, { maxLength: 3, depthIdentifier: "stmt" });
  const expr = exprArbitrary;
  // Weighted so that most programs run for a while: a return or throw ends the body early.
  const simple = fc.oneof(
    { arbitrary: fc.record({ k: fc.constant("log" as const), e: expr }), weight: 5 },
    { arbitrary: fc.record({ k: fc.constant("let" as const), e: expr }), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant("spawn" as const), h: index, e: expr }), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant("break" as const), target: index }), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant("continue" as const), target: index }), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant("closure" as const), e: expr }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant("call-closures" as const), e: expr }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant("return" as const), e: expr }), weight: 1 },
    {
      arbitrary: fc.record({
        k: fc.constant("throw" as const),
        how: fc.constantFrom("error" as const, "type-error" as const, "oops" as const, "boom" as const, "value" as const),
        e: expr,
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        k: fc.constant("destructure" as const),
        how: fc.constantFrom("array" as const, "object" as const),
        defaults: fc.tuple(expr, expr),
        source: fc.array(expr, { maxLength: 3 }),
      }),
      weight: 2,
    },
  );
  return {
    body,
    stmt: fc.oneof(
      { depthSize: "small", maxDepth: 2, depthIdentifier: "stmt", withCrossShrink: true },
      simple,
      simple,
      simple,
      fc.record({ k: fc.constant("if" as const), c: expr, t: body, f: fc.option(body, { nil: null }) }),
      fc.record({
        k: fc.constant("loop" as const),
        how: fc.constantFrom("for" as const, "while" as const, "do" as const),
        n: fc.integer({ min: 0, max: 3 }),
        test: fc.option(expr, { nil: null, freq: 3 }),
        update: fc.option(expr, { nil: null, freq: 3 }),
        body,
      }),
      fc.record({ k: fc.constant("for-of" as const), how: fc.constantFrom("array" as const, "string" as const, "entries" as const), items: fc.array(expr, { maxLength: 3 }), body }),
      fc.record({
        k: fc.constant("for-in" as const),
        props: fc.uniqueArray(fc.record({ key: fc.constantFrom("a", "b", "k", "1", "0"), value: expr }), { maxLength: 3, selector: (p) => p.key }),
        body,
      }),
      fc.record({
        k: fc.constant("switch" as const),
        disc: expr,
        cases: fc.array(fc.record({ test: fc.option(expr, { nil: null, freq: 4 }), body }), { maxLength: 4 }),
      }),
      fc.record({ k: fc.constant("try" as const), block: body, handler: fc.option(body, { nil: null, freq: 4 }), finalizer: fc.option(body, { nil: null, freq: 2 }) }),
      fc.record({ k: fc.constant("labelled-block" as const), body }),
    ),
  };
});

export const stmtArbitrary: fc.Arbitrary<Stmt> = stmts.stmt;
const bodyArbitrary = fc.array(stmtArbitrary, { maxLength: 5 });

const helperArbitrary: fc.Arbitrary<Helper> = fc.record({ kind: fc.constantFrom("function" as const, "arrow" as const, "method" as const), body: bodyArbitrary, result: exprArbitrary });

export const programArbitrary: fc.Arbitrary<Program> = fc.record({
  helpers: fc.array(helperArbitrary, { maxLength: 3 }),
  main: bodyArbitrary,
  result: exprArbitrary,
});
