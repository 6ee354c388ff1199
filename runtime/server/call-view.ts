// What the admin routes and the CLI show of a call: JSON-safe, dates as ISO
// strings, the result decoded for reading (not for computing: a value of a
// class only the application knows shows as its type URL).
import { inspect } from "node:util";
import type { CallResult } from "../proto/messages.js";
import type { CallInfo } from "../scheduler/call-info.js";
import type { CallStatus } from "../scheduler/store/types.js";
import { fromAny } from "../values/index.js";
import { valueCodec } from "../engine/value-codec.js";

export interface ErrorView {
  type: string;
  message: string;
}

export interface CallView {
  id: string;
  rootId: string;
  parentId?: string;
  function: string;
  endpoint: string;
  status: CallStatus;
  /** Runs of the current step so far (0 while the call waits: its next step has not run). */
  attempt: number;
  /** Runs so far, all steps and retries counted: the attempts `dispatch-ts calls` shows. */
  runs: number;
  /** Polls so far. */
  step: number;
  createdAt: string;
  finishedAt?: string;
  expiresAt?: string;
  /** From creation to the end, or to now for a call still in flight. */
  durationMs: number;
  /** The output as text (util.inspect), once the call succeeded. */
  output?: string;
  error?: ErrorView;
}

/** The last failure of a call still being retried (kept in memory by the server only). */
export interface RetryView {
  attempt: number;
  status: string;
  message: string;
  delayMs: number;
  at: string;
}

/** The error type for a finished call; the protocol status and attempt for one being retried. */
export interface LastErrorView {
  message: string;
  type?: string;
  status?: string;
  attempt?: number;
  at?: string;
}

export interface CallDetails extends CallView {
  children: CallView[];
  /** The newest failure: the error result of a finished call, else the last retried attempt. */
  lastError?: LastErrorView;
  /** Size of the suspended state, while the call waits. */
  stateBytes?: number;
}

export function callView(info: CallInfo, now: number): CallView {
  const end = info.finishedAt?.getTime() ?? now;
  const view: CallView = {
    id: info.id,
    rootId: info.rootId,
    function: info.function,
    endpoint: info.endpoint,
    status: info.status,
    attempt: info.attempt,
    runs: info.runs,
    step: info.step,
    createdAt: info.createdAt.toISOString(),
    durationMs: Math.max(0, end - info.createdAt.getTime()),
  };
  if (info.parentId !== undefined) view.parentId = info.parentId;
  if (info.finishedAt !== undefined) view.finishedAt = info.finishedAt.toISOString();
  if (info.expiresAt !== undefined) view.expiresAt = info.expiresAt.toISOString();
  if (info.result !== undefined) Object.assign(view, resultView(info.result));
  return view;
}

export function resultView(result: CallResult): { output?: string; error?: ErrorView } {
  const e = result.error;
  if (e !== undefined && (e.type !== "" || e.message !== "")) return { error: { type: e.type, message: e.message } };
  if (result.output === undefined) return {};
  try {
    return { output: inspect(fromAny(result.output, valueCodec), { depth: 4, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 }) };
  } catch {
    return { output: `<${result.output.typeUrl}>` };
  }
}
