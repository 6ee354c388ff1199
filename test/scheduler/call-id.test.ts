// Dispatch ids: time prefix in base 36, then 64 random bits; distinct across the blocks of
// random bytes they are cut from, and ordered by their creation time.
import { describe, expect, it } from "vitest";
import { newCallId } from "../../runtime/scheduler/call-id.js";

describe("newCallId", () => {
  it("is the time in base 36 (9 characters) and 16 hex digits, distinct across many blocks", () => {
    const now = 1_700_000_000_123;
    const ids = Array.from({ length: 3000 }, (_, i) => newCallId(now + (i >> 8)));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(/^[0-9a-z]{9}[0-9a-f]{16}$/);
      expect(id.slice(0, 9)).toBe((now + (i >> 8)).toString(36).padStart(9, "0"));
    }
  });

  it("sorts by creation time", () => {
    const early = newCallId(1_000);
    const late = newCallId(2_000_000_000_000);
    expect(early < late).toBe(true);
    expect(early.slice(0, 9)).toBe("0000000rs");
  });
});
