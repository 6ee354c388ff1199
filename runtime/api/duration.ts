// Durations as users write them: milliseconds, or "500ms", "10s", "5m", "2h", "1d" (combinable: "1h30m").
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(d: number | string): number {
  if (typeof d === "number") {
    if (!(d >= 0) || !Number.isFinite(d)) throw new RangeError(`cannot use duration ${d}: expected a finite number of milliseconds >= 0`);
    return d;
  }
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (const m of d.trim().matchAll(re)) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched += m[0].length;
  }
  if (matched === 0 || matched !== d.trim().length) throw new RangeError(`cannot parse duration ${JSON.stringify(d)}: expected e.g. "500ms", "10s", "5m", "1h30m"`);
  return total;
}
