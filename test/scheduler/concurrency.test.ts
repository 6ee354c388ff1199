import { describe, expect, it } from "vitest";
import { Status } from "../../runtime/gen/dispatch/sdk/v1/status_pb.js";
import { ConcurrencyLimits, DEFAULT_CONCURRENCY, nextLimit } from "../../runtime/scheduler/concurrency.js";

const options = { ...DEFAULT_CONCURRENCY, initial: 10, floor: 2, ceiling: 12, increase: 1, decreaseFactor: 0.5 };

describe("concurrency: AIMD per function", () => {
  it("halves on retryable statuses and adds one on OK and permanent ones", () => {
    for (const s of [Status.THROTTLED, Status.TIMEOUT, Status.TEMPORARY_ERROR, Status.TCP_ERROR, Status.DNS_ERROR, Status.TLS_ERROR, Status.HTTP_ERROR]) {
      expect(nextLimit(10, s, options)).toBe(5);
    }
    for (const s of [Status.OK, Status.PERMANENT_ERROR, Status.INVALID_ARGUMENT, Status.NOT_FOUND, Status.INVALID_RESPONSE]) {
      expect(nextLimit(10, s, options)).toBe(11);
    }
  });

  it("leaves the limit alone on INCOMPATIBLE_STATE, which says nothing about load", () => {
    expect(nextLimit(7, Status.INCOMPATIBLE_STATE, options)).toBe(7);
  });

  it("stays between floor and ceiling", () => {
    expect(nextLimit(3, Status.THROTTLED, options)).toBe(2);
    expect(nextLimit(2, Status.THROTTLED, options)).toBe(2);
    expect(nextLimit(12, Status.OK, options)).toBe(12);
  });

  it("keeps one limit per function and reports changes only", () => {
    const limits = new ConcurrencyLimits(options);
    expect(limits.get("f")).toBe(10);
    expect(limits.record("f", Status.THROTTLED)).toBe(5);
    expect(limits.record("g", Status.INCOMPATIBLE_STATE)).toBeUndefined();
    expect(limits.get("f")).toBe(5);
    expect(limits.get("g")).toBe(10);
    expect([...limits.entries()]).toEqual([
      ["f", 5],
      ["g", 10],
    ]);
  });
});
