// `dispatch-ts calls [--dir D] [--status S] [--limit N] [--all] [--json]`:
// root calls (all calls with --all), newest first, as a table. ATTEMPTS counts every run of the
// call so far (each step and each retry), so a waiting call shows the runs it made, not the 0
// attempts of the step it waits to start.
import { CALL_STATUSES } from "../server/call-queries.js";
import type { CallView } from "../server/call-view.js";
import type { CallStatus } from "../scheduler/store/types.js";
import { usageError } from "./cli-error.js";
import { formatDuration, formatTime, table } from "./format.js";
import { openCalls } from "./open-calls.js";
import { integerFlag, parseArgs, stringFlag } from "./parse-args.js";

export async function callsCommand(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs("calls", argv, { dir: "string", status: "string", limit: "string", all: "boolean", json: "boolean" });
  if (args.positionals.length > 0) throw usageError(`cannot parse arguments: unexpected ${JSON.stringify(args.positionals[0])} for "calls"`);
  const status = stringFlag(args, "status");
  if (status !== undefined && !CALL_STATUSES.includes(status as CallStatus)) {
    throw usageError(`cannot parse arguments: --status must be one of ${CALL_STATUSES.join(", ")}, got ${JSON.stringify(status)}`);
  }
  const limit = integerFlag(args, "limit", 100, 10_000);
  const source = await openCalls(stringFlag(args, "dir") ?? ".dispatch", "list calls");
  try {
    const calls = await source.queries.list({ limit, all: args.flags.all === true, ...(status ? { status: status as CallStatus } : {}) });
    out(args.flags.json === true ? JSON.stringify(calls, null, 2) : callsTable(calls));
  } finally {
    await source.close();
  }
  return 0;
}

export function callsTable(calls: readonly CallView[]): string {
  if (calls.length === 0) return "no calls";
  return table(
    ["ID", "FUNCTION", "STATUS", "ATTEMPTS", "STEPS", "CREATED", "DURATION"],
    calls.map((c) => [c.id, c.function, c.status, String(c.runs), String(c.step), formatTime(c.createdAt), formatDuration(c.durationMs)]),
  );
}
