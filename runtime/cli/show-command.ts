// `dispatch-ts show ID [--dir D] [--import MODULE] [--json]`: one call, its
// children and its last error (a finished call's error, or the last failed
// attempt of a call being retried, which only a running server remembers);
// with --import, the suspended stack of a waiting call, decoded by loading the
// module that defines the application's durable functions.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { CallDetails } from "../server/call-view.js";
import type { CallQueries } from "../server/call-queries.js";
import { describeStack, formatStack, type FrameView } from "./describe-stack.js";
import { readStateKey } from "./read-state-key.js";
import { CliError, usageError } from "./cli-error.js";
import { formatDuration, formatTime } from "./format.js";
import { callsTable } from "./calls-command.js";
import { openCalls } from "./open-calls.js";
import { parseArgs, stringFlag } from "./parse-args.js";

export async function showCommand(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs("show", argv, { dir: "string", json: "boolean", import: "string" });
  if (args.positionals.length !== 1) throw usageError(`cannot parse arguments: "show" takes one call id, got ${args.positionals.length}`);
  const id = args.positionals[0]!;
  const dir = stringFlag(args, "dir") ?? ".dispatch";
  const module = stringFlag(args, "import");
  const source = await openCalls(dir, "show call");
  try {
    const details = await source.queries.details(id);
    if (details === undefined) throw new CliError(`cannot show call ${id}: no such call`);
    const stack = module !== undefined && details.stateBytes !== undefined ? await stackOf(source.queries, id, dir, module) : undefined;
    if (args.flags.json === true) out(JSON.stringify(stack === undefined ? details : { ...details, stack }, null, 2));
    else out(describeCall(details, module === undefined) + (stack === undefined ? "" : `\n${typeof stack === "string" ? stack : formatStack(stack)}`));
  } finally {
    await source.close();
  }
  return 0;
}

/** The decoded frames, or why they cannot be decoded (a state of another build, a wrong key). */
async function stackOf(queries: CallQueries, id: string, dir: string, module: string): Promise<FrameView[] | string> {
  const state = await queries.state(id);
  if (state === undefined) return "suspended stack: none (the call is no longer waiting)";
  const key = readStateKey(resolve(dir));
  try {
    await import(pathToFileURL(resolve(module)).href);
  } catch (error) {
    throw new CliError(`cannot import ${module}: ${(error as Error).message}`);
  }
  try {
    return describeStack(state, key);
  } catch (error) {
    return `suspended stack: cannot decode: ${(error as Error).message}`;
  }
}

export function describeCall(c: CallDetails, hint = false): string {
  const rows: [string, string][] = [
    ["status", c.status],
    ["attempts", `${c.runs} (${c.step} ${c.step === 1 ? "poll" : "polls"} so far)`],
    ["endpoint", c.endpoint || "-"],
  ];
  if (c.parentId !== undefined) rows.push(["parent", c.parentId]);
  if (c.rootId !== c.id) rows.push(["root", c.rootId]);
  rows.push(["created", formatTime(c.createdAt)]);
  if (c.finishedAt !== undefined) rows.push(["finished", `${formatTime(c.finishedAt)} (after ${formatDuration(c.durationMs)})`]);
  else rows.push(["elapsed", formatDuration(c.durationMs)]);
  if (c.expiresAt !== undefined) rows.push(["expires", formatTime(c.expiresAt)]);
  if (c.output !== undefined) rows.push(["output", c.output]);
  if (c.lastError !== undefined) {
    const e = c.lastError;
    const where = e.attempt !== undefined ? `attempt ${e.attempt}: ${e.status}: ` : e.type ? `${e.type}: ` : "";
    rows.push(["last error", `${where}${e.message}`]);
  }
  if (c.stateBytes !== undefined) rows.push(["state", `${c.stateBytes} bytes${hint ? " (--import MODULE decodes the suspended stack)" : ""}`]);
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
