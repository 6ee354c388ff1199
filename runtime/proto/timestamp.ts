// google.protobuf.Timestamp <-> Date and milliseconds. Unlike the protobuf-es
// helpers, these refuse an invalid Date and instants outside the documented
// range (years 1 to 9999), which other languages fail to convert.

import { create } from "@bufbuild/protobuf";
import { type Timestamp, TimestampSchema } from "@bufbuild/protobuf/wkt";

/** 0001-01-01T00:00:00Z, the earliest instant a Timestamp may carry. */
export const MIN_TIMESTAMP_MS = -62_135_596_800_000;
/** 9999-12-31T23:59:59.999Z, the last whole millisecond a Timestamp may carry. */
export const MAX_TIMESTAMP_MS = 253_402_300_799_999;

const NANOS_PER_MS = 1_000_000;
const NANOS_PER_SECOND = 1_000_000_000;

/** True when `ms` since the epoch fits a Timestamp. */
export function isTimestampMs(ms: number): boolean {
  return ms >= MIN_TIMESTAMP_MS && ms <= MAX_TIMESTAMP_MS;
}

/** A Timestamp from milliseconds since the epoch (fractions kept to the nanosecond). */
export function timestampFromMs(ms: number): Timestamp {
  if (!isTimestampMs(ms)) {
    throw new RangeError(
      `cannot convert timestamp: ${ms}ms since the epoch is outside the range of google.protobuf.Timestamp (years 1 to 9999)`,
    );
  }
  let seconds = Math.floor(ms / 1000);
  // Timestamp nanos are never negative: -1.5 s is seconds -2, nanos 500,000,000.
  let nanos = Math.round((ms - seconds * 1000) * NANOS_PER_MS);
  if (nanos >= NANOS_PER_SECOND) {
    seconds += 1;
    nanos -= NANOS_PER_SECOND;
  }
  return create(TimestampSchema, { seconds: BigInt(seconds), nanos });
}

/** A Timestamp from a Date. */
export function timestampFromDate(date: Date): Timestamp {
  const ms = date.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError("cannot convert date: invalid Date");
  }
  if (!isTimestampMs(ms)) {
    throw new RangeError(
      `cannot convert date: ${date.toISOString()} is outside the range of google.protobuf.Timestamp (years 1 to 9999)`,
    );
  }
  return timestampFromMs(ms);
}

/** Milliseconds since the epoch; nanoseconds below the millisecond are dropped (floored). */
export function timestampToMs(timestamp: Timestamp): number {
  return Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / NANOS_PER_MS);
}

/** A Date for a Timestamp, at millisecond precision. */
export function timestampToDate(timestamp: Timestamp): Date {
  return new Date(timestampToMs(timestamp));
}
