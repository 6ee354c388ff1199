// The Emitter collects the flat listing of one lowered function: statements
// and case marks. Jump targets are placeholders (`loc()`), fixed once by
// `mark(loc)` in emission order, so every case created inside a statement has
// a number between the statement's first and last mark: the try table and the
// runtime rely on those ranges. `finalize` turns the listing into the cases of
// `switch ($f.$pc)`, with every placeholder's number filled in.
import ts = require("typescript");
import { assign, id, num, prop, stmt, paren, not } from "./factory.js";
import { LeapManager, type TryEntry } from "./leap.js";
import { keepSource } from "./source-position.js";

const f = ts.factory;

export class Loc {
  value = -1;
  /** The number literals written for jumps here before the mark: their text is set by the mark. */
  readonly forward: ts.NumericLiteral[] = [];
}

export class Emitter {
  readonly listing: (ts.Statement | Loc)[] = [];
  readonly leaps = new LeapManager();
  readonly tries: TryEntry[] = [];
  readonly temps: string[] = [];
  /** The cases that start at an await: the resume points. */
  readonly resumePoints: Loc[] = [];
  /** The `$r` node returned for the latest await (so a discarded await result is not emitted). */
  lastResult: ts.Expression | undefined = undefined;
  /** Source line of each case (its resume point when the case starts at an await). */
  readonly lines: number[] = [0];
  /** Every location of the function, to check at the end that each one jumped to was marked. */
  private readonly locs: Loc[] = [];
  private cases = 1;
  private line = 0;
  /** The statement or await being lowered: synthesized statements map back to it. */
  private source: ts.Node | undefined = undefined;

  constructor(
    /** The frame variable of this function (`$f`, `$f1` for nested lowered functions). */
    readonly frameVar: string,
    readonly file: ts.SourceFile,
  ) {}

  frame(): ts.Identifier {
    return id(this.frameVar);
  }

  /** True once an await was emitted: the function then declares `kernelVar` and `resultVar`. */
  awaits = false;

  /** The local holding the frame's kernel for the activation (`$k`, `$k1` for `$f1`): it never changes, even when the test mode replaces the frame. */
  get kernelVar(): string {
    return this.frameVar.replace("$f", "$k");
  }

  /** The local holding the value of the latest settled await (`$r`, `$r1` for `$f1`). */
  get resultVar(): string {
    return this.frameVar.replace("$f", "$r");
  }

  kernel(): ts.Identifier {
    this.awaits = true;
    return id(this.kernelVar);
  }

  result(): ts.Identifier {
    this.awaits = true;
    return id(this.resultVar);
  }

  slot(name: string): ts.Expression {
    return prop(this.frame(), name);
  }

  loc(): Loc {
    const l = new Loc();
    this.locs.push(l);
    return l;
  }

  mark(l: Loc): void {
    if (l.value !== -1) throw new Error("dispatch-ts transformer bug: a location was marked twice");
    l.value = this.cases++;
    // (A synthesized literal's text is what the printer writes; nothing reads it before the end.)
    for (const n of l.forward) (n as { text: string }).text = String(l.value);
    this.lines[l.value] = this.line;
    this.listing.push(l);
  }

  /** Tracks the source line for the cases marked next. */
  at(node: ts.Node): void {
    if (node.pos >= 0 && node.getSourceFile() !== undefined) {
      this.source = node;
      this.line = this.file.getLineAndCharacterOfPosition(node.getStart(this.file)).line + 1;
    }
  }

  /**
   * The case number of `l`: known for a backward jump; for a forward one, a literal whose text the
   * mark fills in (so that the listing need not be walked again to replace placeholders).
   */
  locExpr(l: Loc): ts.Expression {
    if (l.value >= 0) return num(l.value);
    const n = f.createNumericLiteral(0);
    l.forward.push(n);
    return n;
  }

  emit(s: ts.Statement): void {
    this.listing.push(keepSource(s, this.source));
  }

  emitAssign(target: ts.Expression, value: ts.Expression): void {
    this.emit(stmt(assign(target, value)));
  }

  makeTemp(): ts.Expression {
    const name = `$t${this.temps.length}`;
    this.temps.push(name);
    return this.slot(name);
  }

  // produces: $f.$pc = L; continue $loop;
  jumpStatements(l: Loc): ts.Statement[] {
    return [stmt(assign(prop(this.frame(), "$pc"), this.locExpr(l))), f.createContinueStatement("$loop")];
  }

  jump(l: Loc): void {
    for (const s of this.jumpStatements(l)) this.emit(s);
  }

  // produces: if (test) { $f.$pc = L; continue $loop; }
  jumpIf(test: ts.Expression, l: Loc): void {
    this.emit(f.createIfStatement(test, f.createBlock(this.jumpStatements(l), true)));
  }

  jumpIfNot(test: ts.Expression, l: Loc): void {
    this.jumpIf(not(paren(test)), l);
  }

  newTry(tryLoc: Loc, catchLoc: Loc | undefined, finallyLoc: Loc | undefined, afterLoc: Loc): TryEntry {
    const entry: TryEntry = { index: this.tries.length, tryLoc, catchLoc, finallyLoc, afterLoc };
    this.tries.push(entry);
    return entry;
  }

  get caseCount(): number {
    return this.cases;
  }

  /** The cases of the dispatch switch, placeholders replaced by case numbers. */
  finalize(tail: ts.Statement[]): ts.CaseClause[] {
    for (const l of this.locs) if (l.value < 0 && l.forward.length > 0) throw new Error("dispatch-ts transformer bug: a jump target was never marked");
    const clauses: ts.CaseClause[] = [];
    const kept = this.casesThatNeedTheirPc();
    let pc = 0;
    let body: ts.Statement[] = [];
    for (const item of this.listing) {
      if (item instanceof Loc) {
        // produces: $f.$pc = N;  (falling into a case that needs $pc to be its own number)
        if (!endsAbruptly(body) && kept.has(item.value)) body.push(stmt(assign(prop(this.frame(), "$pc"), num(item.value))));
        clauses.push(f.createCaseClause(num(pc), body));
        pc = item.value;
        body = [];
      } else if (!(endsAbruptly(body) && unreachableIsDead(item))) body.push(item);
    }
    clauses.push(f.createCaseClause(num(pc), endsAbruptly(body) ? body : [...body, ...tail]));
    return clauses;
  }

  /**
   * The cases that a fall-through must enter with `$pc` set to their own number. While a case
   * runs, `$pc` is read only by a suspension (a resume point: the state must say where to resume)
   * and by the try table (`routeThrow`, `abrupt` and `finish` compare it with each try's four
   * boundaries). Falling from case N-1 into case N, neither can tell N-1 from N unless N is a
   * resume point or a try's boundary, so only those cases get the write; the others keep the
   * previous number, which every reader treats alike. (Jumps always write `$pc`.) A write per
   * fall-through was 7 printed nodes and a frame store at run time.
   */
  private casesThatNeedTheirPc(): Set<number> {
    const kept = new Set<number>();
    for (const l of this.resumePoints) kept.add(l.value);
    for (const t of this.tries) {
      kept.add(t.tryLoc.value);
      if (t.catchLoc !== undefined) kept.add(t.catchLoc.value);
      if (t.finallyLoc !== undefined) kept.add(t.finallyLoc.value);
      kept.add(t.afterLoc.value);
    }
    return kept;
  }

  tryTable(): number[][] {
    return this.tries.map((t) => [t.tryLoc.value, t.catchLoc?.value ?? -1, t.finallyLoc?.value ?? -1, t.afterLoc.value]);
  }
}

// A case body whose last statement jumps, returns or throws never falls into the next case: the
// `$pc` write or the final return that would follow it is dead code.
function endsAbruptly(body: readonly ts.Statement[]): boolean {
  const last = body[body.length - 1];
  return last !== undefined && (ts.isContinueStatement(last) || ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

// After a jump, a return or a throw, the statements up to the next case label never run. Only
// statements without declarations are dropped: a declaration still scopes its name over the
// whole switch block (and a function declaration is hoisted), whether it runs or not.
function unreachableIsDead(s: ts.Statement): boolean {
  return ts.isExpressionStatement(s) || ts.isContinueStatement(s) || ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isEmptyStatement(s);
}
