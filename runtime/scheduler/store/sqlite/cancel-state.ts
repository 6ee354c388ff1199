// How CallRecord.cancelling and CallRecord.detached share the `cancelling` column: the phase in
// the low two bits (0 not being cancelled, 1 requested, 2 compensating) and DETACHED added for a
// call its own parent cancelled (it compensates on its own; its result goes nowhere). One column
// needs no column of its own: 5 and 6 are values of it that schema versions before 3 never wrote.
export const REQUESTED = 1;
export const COMPENSATING = 2;
export const DETACHED = 4;

/** The phase of a `cancelling` value: 0, REQUESTED or COMPENSATING. */
export function cancelPhase(value: number): number {
  return value & 3;
}

export function isDetached(value: number): boolean {
  return (value & DETACHED) !== 0;
}
