// Fixtures the transform does not match yet, each with the reason. Their tests
// are expected to FAIL (it.fails): when one starts passing, the suite says so
// and the entry must be removed.
export const KNOWN_GAPS: Record<string, string> = {};
