// Mutation check (issue 3, "Proof"): deliberately broken variants of the
// lowering, switched on by the test-only variable DISPATCH_MUTANT=<name>, so
// that test/e2e/mutants.test.ts can show that the differential fixtures catch
// each one. A pass honours a mutant with one line where the correct code is
// built: `if (activeMutant() === "drop-finally") ...`.
//
// Never set in production: an unknown name throws instead of being ignored,
// so a typo cannot make a mutation run look "caught" or "harmless". The
// variable is read for each file transformed (not once at load) because the
// test sets it around each in-process transformSource call.

export interface Mutant {
  readonly name: string;
  /** The bug it plants, as a reviewer would describe it. */
  readonly description: string;
  /** Where the one line goes: `file: function`. */
  readonly site: string;
}

export const MUTANTS: readonly Mutant[] = [
  { name: "drop-finally", site: "explode-statement.ts: explodeTry", description: "the statements of a lowered finally block are not emitted" },
  { name: "return-skips-finally", site: "rewrite.ts: returnStatements", description: "a return inside a lowered try returns at once instead of running the finally first" },
  { name: "break-skips-finally", site: "rewrite.ts: jumpStatements", description: "a break or continue that crosses a lowered finally jumps straight to its target" },
  { name: "swap-binary-operands", site: "explode-operators.ts: explodeBinary", description: "the operands of a binary operator with an await are swapped (`a - await b` becomes `await b - a`)" },
  { name: "skip-operand-temp", site: "explode-expression.ts: Exploder.viaTemp", description: "an operand evaluated before a later await is not saved in a temporary, so it is read after the await" },
  { name: "compound-reads-target-late", site: "explode-operators.ts: explodeBinary", description: "compound assignment (`x += await y`) reads its target after the await instead of before" },
  { name: "no-short-circuit", site: "explode-operators.ts: explodeBinary", description: "`&&`, `||` and `??` with an await on the right always evaluate the right operand" },
  { name: "continue-to-break", site: "leap.ts: LeapManager.target", description: "a continue of a lowered loop jumps to the loop's break target (the wrong loop target)" },
  { name: "switch-no-fallthrough", site: "explode-statement.ts: explodeSwitch", description: "each case of a lowered switch jumps past the switch instead of falling through" },
  { name: "drop-catch-binding", site: "explode-statement.ts: explodeTry", description: "the catch binding of a catch block without an await is bound to undefined, not to the caught value" },
  { name: "let-keeps-old-value", site: "rewrite.ts: declarationAsAssignment", description: "an uninitialized `let` in a frame is not reset to undefined when its declaration runs again (a skipped per-iteration reset)" },
  { name: "default-always", site: "lower-function.ts: lowerParameters", description: "a parameter default replaces the argument even when the argument is not undefined" },
  { name: "await-result-dropped", site: "explode-expression.ts: Exploder.awaitValue", description: "an await evaluates to the awaited operand's slot (`$f.$a`, cleared on resume) instead of the settled value" },
];

const NAMES = new Set(MUTANTS.map((m) => m.name));

/** DISPATCH_MUTANT as read once for the file being transformed (see withMutantRead). */
let current: { name: string | undefined } | undefined;

/**
 * Runs a file's transform with DISPATCH_MUTANT read once: the passes ask at many sites per node,
 * and each read of process.env is a call into the environment (a measurable share of a build).
 */
export function withMutantRead<T>(run: () => T): T {
  const outer = current;
  current = { name: readMutant() };
  try {
    return run();
  } finally {
    current = outer;
  }
}

/** The mutant named by DISPATCH_MUTANT, or undefined (always, outside the mutation test). */
export function activeMutant(): string | undefined {
  return current !== undefined ? current.name : readMutant();
}

function readMutant(): string | undefined {
  const name = process.env.DISPATCH_MUTANT;
  if (name === undefined || name === "") return undefined;
  if (!NAMES.has(name)) throw new Error(`cannot apply DISPATCH_MUTANT: unknown mutant "${name}" (known: ${[...NAMES].join(", ")})`);
  return name;
}
