// What one run of a fixture or random program in one mode records, and the part of it that
// must be identical across the three modes.
export interface RunRecord {
  fixture: string;
  events?: string[][];
  settledAt?: number;
  outcome?: { status: string; value?: string };
  unhandled?: string[];
  error?: string;
  awaits?: number;
  roundTrips?: number;
}

export function comparable(r: RunRecord | undefined): unknown {
  if (r === undefined) return "no record (the runner died before this fixture)";
  if (r.error) return { error: r.error.split("\n")[0] };
  return { events: r.events, settledAt: r.settledAt, outcome: r.outcome, unhandled: r.unhandled };
}
