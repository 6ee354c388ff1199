import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, planRetry } from "../../runtime/scheduler/backoff.js";

const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2 };

describe("backoff: exponential with full jitter", () => {
  it("draws the delay uniformly below a ceiling that doubles per attempt", () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 0.999999))).toEqual([99, 199, 399, 799]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });

  it("caps the ceiling at maxDelayMs", () => {
    expect(backoffDelay(10, policy, () => 0.999999)).toBe(999);
  });

  it("gives up after maxAttempts", () => {
    expect(planRetry({ attempt: 4, now: 0 }, policy, () => 0.5)).toEqual({ retry: true, delayMs: 400 });
    expect(planRetry({ attempt: 5, now: 0 }, policy, () => 0.5)).toEqual({ retry: false, reason: "gave up after 5 attempts" });
  });

  it("gives up when the next attempt would start after the call expires", () => {
    expect(planRetry({ attempt: 1, now: 1000, expiresAt: 1051 }, policy, () => 0.5)).toEqual({ retry: true, delayMs: 50 });
    expect(planRetry({ attempt: 1, now: 1000, expiresAt: 1050 }, policy, () => 0.5)).toEqual({
      retry: false,
      reason: "gave up after 1 attempts: the call expires before the next one",
    });
  });
});
