import { describe, expect, it } from "vitest";
import { pollDeadline, pollReadyAt, resumeBatchSize } from "../../runtime/scheduler/poll-accounting.js";

describe("poll accounting", () => {
  it("wakes a waiting call once min_results results are pending", () => {
    expect(pollReadyAt({ pending: 1, minResults: 2, readyAt: 5000, now: 100 })).toBe(5000);
    expect(pollReadyAt({ pending: 2, minResults: 2, readyAt: 5000, now: 100 })).toBe(100);
    expect(pollReadyAt({ pending: 3, minResults: 2, readyAt: 50, now: 100 })).toBe(50);
    expect(pollReadyAt({ pending: 0, minResults: 1, readyAt: undefined, now: 100 })).toBeUndefined();
    expect(pollReadyAt({ pending: 1, minResults: 1, readyAt: undefined, now: 100 })).toBe(100);
  });

  it("resumes at max_wait but never after the call expires", () => {
    expect(pollDeadline(1000, 60_000, undefined)).toBe(61_000);
    expect(pollDeadline(1000, 60_000, 30_000)).toBe(30_000);
  });

  it("carries at most max_results per resume", () => {
    expect(resumeBatchSize(5, 2)).toBe(2);
    expect(resumeBatchSize(1, 2)).toBe(1);
    expect(resumeBatchSize(0, 2)).toBe(0);
  });
});
