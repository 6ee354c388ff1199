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

/**
 * The part of a record that a run with a new process at every await can reproduce: the events
 * without the ticker's, main's settlement counted in those events, the outcome and unhandled
 * rejections. The ticker is an ordinary async loop of the first process: it cannot follow the
 * run into the next process, and how many of its ticks fall between two events depends on
 * the microtask queue, which a process exit empties. The order of the fixture's own events,
 * which is what the frames decide, must be the oracle's.
 */
export function comparableWithoutTicks(r: RunRecord | undefined): unknown {
  if (r === undefined) return "no record (the runner died before this fixture)";
  if (r.error) return { error: r.error.split("\n")[0] };
  const isTick = (e: string[]): boolean => e.length === 2 && e[0] === '"tick"';
  const events = (r.events ?? []).filter((e) => !isTick(e));
  const settledAt = r.settledAt === undefined || r.settledAt < 0 ? r.settledAt : (r.events ?? []).slice(0, r.settledAt).filter((e) => !isTick(e)).length;
  return { events, settledAt, outcome: r.outcome, unhandled: r.unhandled };
}
