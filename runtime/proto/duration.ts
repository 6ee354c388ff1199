// google.protobuf.Duration <-> milliseconds. Unlike the protobuf-es helpers,
// these refuse values that the upstream definition forbids (non-finite, beyond
// ±10,000 years) instead of producing a message other decoders reject, and they
// keep sub-millisecond precision instead of rounding it away.

import { create } from "@bufbuild/protobuf";
import { type Duration, DurationSchema } from "@bufbuild/protobuf/wkt";

/** The documented range of google.protobuf.Duration, in seconds (±10,000 years). */
export const MAX_DURATION_SECONDS = 315_576_000_000;

const NANOS_PER_MS = 1_000_000;
const NANOS_PER_SECOND = 1_000_000_000;

/** A Duration from milliseconds (fractions kept to the nanosecond). */
export function durationFromMs(ms: number): Duration {
  if (!Number.isFinite(ms)) {
    throw new RangeError(`cannot convert duration: ${ms} is not a finite number of milliseconds`);
  }
  const sign = ms < 0 ? -1 : 1;
  const abs = Math.abs(ms);
  let seconds = Math.floor(abs / 1000);
  let nanos = Math.round((abs - seconds * 1000) * NANOS_PER_MS);
  if (nanos >= NANOS_PER_SECOND) {
    seconds += 1;
    nanos -= NANOS_PER_SECOND;
  }
  if (seconds > MAX_DURATION_SECONDS) {
    throw new RangeError(
      `cannot convert duration: ${ms}ms is outside the range of google.protobuf.Duration (±${MAX_DURATION_SECONDS}s)`,
    );
  }
  // Seconds and nanos carry the same sign; a signed zero would not serialize.
  return create(DurationSchema, {
    seconds: BigInt(sign * seconds),
    nanos: nanos === 0 ? 0 : sign * nanos,
  });
}

/** Milliseconds from a Duration, with the fraction kept (1.5 for 1,500,000 ns). */
export function durationToMs(duration: Duration): number {
  return Number(duration.seconds) * 1000 + duration.nanos / NANOS_PER_MS;
}

/** Why a Duration breaks the upstream definition, or undefined when it does not. */
export function durationProblem(duration: Duration): string | undefined {
  const { seconds, nanos } = duration;
  if (seconds > BigInt(MAX_DURATION_SECONDS) || seconds < -BigInt(MAX_DURATION_SECONDS)) {
    return `seconds ${seconds} is outside ±${MAX_DURATION_SECONDS}`;
  }
  if (!Number.isInteger(nanos) || nanos <= -NANOS_PER_SECOND || nanos >= NANOS_PER_SECOND) {
    return `nanos ${nanos} is outside ±999999999`;
  }
  if ((seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) {
    return `seconds ${seconds} and nanos ${nanos} have different signs`;
  }
  return undefined;
}

/** "1.5s", for messages. */
export function formatDuration(duration: Duration): string {
  return `${durationToMs(duration) / 1000}s`;
}
