// Jump targets of the lowered function: loops, switches, labelled statements
// and try statements, pushed and popped around the code that can jump to them.
// `withEntry` asserts that every pop matches its push.
// A for-of loop over an iterator acts as a finally for every jump that leaves
// it (its iterator is closed on the way out), but not for its own `continue`.
import type { Loc } from "./emitter.js";
import { activeMutant } from "./mutants.js";

export interface TryEntry {
  index: number;
  tryLoc: Loc;
  catchLoc: Loc | undefined;
  finallyLoc: Loc | undefined;
  afterLoc: Loc;
}

export type LeapEntry =
  | { kind: "loop"; breakLoc: Loc; continueLoc: Loc; labels: readonly string[]; closes?: TryEntry }
  | { kind: "switch"; breakLoc: Loc; labels: readonly string[] }
  | { kind: "labeled"; breakLoc: Loc; labels: readonly string[] }
  /** `inFinally` is set while the finally block itself is emitted: jumps from there do not run it again. */
  | { kind: "try"; entry: TryEntry; inFinally: boolean };

export interface LeapTarget {
  loc: Loc;
  /** A lowered finally lies between the jump and its target: the jump goes through `$rt.abrupt`. */
  crossesFinally: boolean;
}

export class LeapManager {
  private readonly stack: LeapEntry[] = [];

  withEntry<T>(entry: LeapEntry, fn: () => T): T {
    this.stack.push(entry);
    try {
      return fn();
    } finally {
      const popped = this.stack.pop();
      if (popped !== entry) throw new Error("dispatch-ts transformer bug: leap entries popped out of order");
    }
  }

  /** Target of `break label?` / `continue label?`; undefined when the target is not a lowered statement. */
  target(kind: "break" | "continue", label: string | undefined): LeapTarget | undefined {
    let crossesFinally = false;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const e = this.stack[i]!;
      if (e.kind === "try") {
        if (e.entry.finallyLoc !== undefined && !e.inFinally) crossesFinally = true;
        continue;
      }
      const closes = e.kind === "loop" && e.closes !== undefined;
      if (kind === "continue") {
        if (e.kind === "loop" && (label === undefined || e.labels.includes(label))) return { loc: activeMutant() === "continue-to-break" ? e.breakLoc : e.continueLoc, crossesFinally };
      } else if (label === undefined ? e.kind !== "labeled" : e.labels.includes(label)) {
        return { loc: e.breakLoc, crossesFinally: crossesFinally || closes };
      }
      if (closes) crossesFinally = true;
    }
    return undefined;
  }

  /** Whether a return from here crosses a lowered finally. */
  returnCrossesFinally(): boolean {
    return this.stack.some((e) => (e.kind === "try" && e.entry.finallyLoc !== undefined && !e.inFinally) || (e.kind === "loop" && e.closes !== undefined));
  }
}
