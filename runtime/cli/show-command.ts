// `dispatch-ts show ID [--dir D] [--json]`: one call, its children and its
// last error (a finished call's error, or the last failed attempt of a call
// being retried, which only a running server remembers).
import type { CallDetails } from "../server/call-view.js";
import { CliError, usageError } from "./cli-error.js";
import { formatDuration, formatTime } from "./format.js";
import { callsTable } from "./calls-command.js";
import { openCalls } from "./open-calls.js";
import { parseArgs, stringFlag } from "./parse-args.js";

export async function showCommand(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs("show", argv, { dir: "string", json: "boolean" });
  if (args.positionals.length !== 1) throw usageError(`cannot parse arguments: "show" takes one call id, got ${args.positionals.length}`);
  const id = args.positionals[0]!;
  const source = await openCalls(stringFlag(args, "dir") ?? ".dispatch", "show call");
  try {
    const details = await source.queries.details(id);
    if (details === undefined) throw new CliError(`cannot show call ${id}: no such call`);
    out(args.flags.json === true ? JSON.stringify(details, null, 2) : describeCall(details));
  } finally {
    await source.close();
  }
  return 0;
}

export function describeCall(c: CallDetails): string {
  const rows: [string, string][] = [
    ["status", c.status],
    ["attempts", `${c.attempt} (${c.step} ${c.step === 1 ? "poll" : "polls"} so far)`],
    ["endpoint", c.endpoint || "-"],
  ];
  if (c.parentId !== undefined) rows.push(["parent", c.parentId]);
  if (c.rootId !== c.id) rows.push(["root", c.rootId]);
  rows.push(["created", formatTime(c.createdAt)]);
  if (c.finishedAt !== undefined) rows.push(["finished", `${formatTime(c.finishedAt)} (after ${formatDuration(c.durationMs)})`]);
  else rows.push(["running", `for ${formatDuration(c.durationMs)}`]);
  if (c.expiresAt !== undefined) rows.push(["expires", formatTime(c.expiresAt)]);
  if (c.output !== undefined) rows.push(["output", c.output]);
  if (c.lastError !== undefined) {
    const e = c.lastError;
    const where = e.attempt !== undefined ? `attempt ${e.attempt}: ${e.status}: ` : e.type ? `${e.type}: ` : "";
    rows.push(["last error", `${where}${e.message}`]);
  }
  if (c.stateBytes !== undefined) rows.push(["state", `${c.stateBytes} bytes`]);
  const lines = [`call ${c.id} ${c.function}`, ...rows.map(([k, v]) => `  ${k.padEnd(10)}  ${v}`)];
  lines.push("", `children: ${c.children.length}`);
  if (c.children.length > 0) lines.push(indent(callsTable(c.children)));
  return lines.join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
