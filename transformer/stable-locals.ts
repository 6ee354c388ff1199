// Operands that need no temporary before an await. `sum += await i` and
// `a + await b` read the left side before the await, so it is normally saved in
// a temporary frame field (`$f.$t0 = $f.sum; ... $f.sum = $f.$t0 + $r`). When
// the left side is a local of this frame that nothing can write while the
// await is pending, reading it after the await gives the same value, and the
// temporary (a field store and load per await in an await-heavy loop) is
// dropped: `$f.sum = $f.sum + $r`.
//
// Nothing can write such a local during the await when it is a frame field of
// this function (not in a per-iteration environment, not a native local), no
// nested function or closure refers to it (only this body's own code, which
// is paused, can write it), its read is not checked for the dead zone, and the
// operands evaluated between the read and the await do not write it. In the
// test mode a round trip replaces the frame with its decoded copy, whose field
// holds the same value as a temporary would.
import ts = require("typescript");
import { skipOuter } from "./factory.js";
import { isFunctionBoundary } from "./contains-await.js";
import type { FunctionLowering } from "./lowering-context.js";
import { referencesOf, type Declaration, type ScopeInfo } from "./scope.js";

/** `isAssignmentTarget` of the compiler (not in its public typings): `x` in `x = 1`, `[x] = a`, `x++`, `for (x of a)`. */
const isAssignmentTarget = (ts as unknown as { isAssignmentTarget(node: ts.Node): boolean }).isAssignmentTarget;

const captured = new WeakMap<FunctionLowering, Map<Declaration, boolean>>();

/** Whether `operand`, read before `later` is evaluated, may be read after it instead. */
export function stableAcross(fl: FunctionLowering, operand: ts.Expression, later: ts.Node): boolean {
  const ref = skipOuter(operand);
  if (!ts.isIdentifier(ref)) return false;
  const d = fl.file.scopes.resolved.get(ref);
  if (d === undefined || d.slot === undefined || d.owner !== fl.fn || d.env !== undefined || d.native !== undefined) return false;
  if (fl.file.tdz.checked.has(ref) || capturedByNested(fl, d)) return false;
  return !writes(fl.file.scopes, later, d);
}

function capturedByNested(fl: FunctionLowering, d: Declaration): boolean {
  let map = captured.get(fl);
  if (map === undefined) captured.set(fl, (map = new Map()));
  let out = map.get(d);
  if (out === undefined) {
    out = referencesOf(fl.file.scopes, d).some((r) => {
      for (let p = r.parent; p !== undefined && p !== fl.fn; p = p.parent) if (isFunctionBoundary(p)) return true;
      return false;
    });
    map.set(d, out);
  }
  return out;
}

function writes(scopes: ScopeInfo, node: ts.Node, d: Declaration): boolean {
  if (ts.isIdentifier(node) && scopes.resolved.get(node) === d && isAssignmentTarget(node)) return true;
  return node.forEachChild((c) => (writes(scopes, c, d) ? true : undefined)) === true;
}
