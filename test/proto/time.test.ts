import { describe, expect, test } from "vitest";
import {
  MAX_TIMESTAMP_MS,
  MIN_TIMESTAMP_MS,
  durationFromMs,
  durationToMs,
  timestampFromDate,
  timestampFromMs,
  timestampToDate,
  timestampToMs,
} from "../../runtime/proto/index.js";

describe("Duration", () => {
  test.each<[number, bigint, number]>([
    [0, 0n, 0],
    [1500, 1n, 500_000_000],
    [-1500, -1n, -500_000_000],
    [0.000001, 0n, 1],
    [-0.5, 0n, -500_000],
    [999.9999999, 1n, 0],
  ])("%d ms is seconds %d, nanos %d", (ms, seconds, nanos) => {
    const d = durationFromMs(ms);
    expect(d.seconds).toBe(seconds);
    expect(d.nanos).toBe(nanos);
  });

  test("back to milliseconds, keeping the fraction", () => {
    expect(durationToMs(durationFromMs(1500))).toBe(1500);
    expect(durationToMs(durationFromMs(-1.5))).toBe(-1.5);
    expect(durationToMs(durationFromMs(600_000))).toBe(600_000);
  });

  test("refuses what a Duration cannot carry", () => {
    expect(() => durationFromMs(NaN)).toThrow("cannot convert duration: NaN is not a finite number of milliseconds");
    expect(() => durationFromMs(Infinity)).toThrow("cannot convert duration: Infinity is not a finite number of milliseconds");
    expect(() => durationFromMs(4e14)).toThrow(
      "cannot convert duration: 400000000000000ms is outside the range of google.protobuf.Duration (±315576000000s)",
    );
  });
});

describe("Timestamp", () => {
  test("from and to a Date", () => {
    const date = new Date("2024-02-29T12:34:56.789Z");
    const ts = timestampFromDate(date);
    expect(ts.seconds).toBe(1709210096n);
    expect(ts.nanos).toBe(789_000_000);
    expect(timestampToDate(ts).toISOString()).toBe(date.toISOString());
  });

  test("before the epoch, nanos stay positive", () => {
    const ts = timestampFromMs(-1500);
    expect(ts.seconds).toBe(-2n);
    expect(ts.nanos).toBe(500_000_000);
    expect(timestampToMs(ts)).toBe(-1500);
  });

  test("sub-millisecond nanos are floored on the way back", () => {
    const ts = timestampFromMs(1.9999);
    expect(ts.nanos).toBe(1_999_900);
    expect(timestampToMs(ts)).toBe(1);
  });

  test("the documented range, and no further", () => {
    expect(new Date(MIN_TIMESTAMP_MS).toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(new Date(MAX_TIMESTAMP_MS).toISOString()).toBe("9999-12-31T23:59:59.999Z");
    expect(timestampToMs(timestampFromMs(MIN_TIMESTAMP_MS))).toBe(MIN_TIMESTAMP_MS);
    expect(timestampToMs(timestampFromMs(MAX_TIMESTAMP_MS))).toBe(MAX_TIMESTAMP_MS);
    expect(() => timestampFromDate(new Date(MAX_TIMESTAMP_MS + 1))).toThrow(
      "cannot convert date: +010000-01-01T00:00:00.000Z is outside the range of google.protobuf.Timestamp (years 1 to 9999)",
    );
    expect(() => timestampFromMs(MIN_TIMESTAMP_MS - 1)).toThrow(
      "cannot convert timestamp: -62135596800001ms since the epoch is outside the range of google.protobuf.Timestamp (years 1 to 9999)",
    );
  });

  test("an invalid Date is refused", () => {
    expect(() => timestampFromDate(new Date(NaN))).toThrow("cannot convert date: invalid Date");
  });
});
