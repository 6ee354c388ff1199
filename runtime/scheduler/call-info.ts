// What the scheduler tells its users about a call: the store record without the engine's bytes,
// with dates and the decoded result.
import type { CallResult } from "../gen/dispatch/sdk/v1/call_pb.js";
import { decodeResult } from "./results.js";
import type { CallRecord, CallStatus, CancelState } from "./store/types.js";

export interface CallInfo {
  readonly id: string;
  readonly rootId: string;
  readonly parentId?: string;
  readonly function: string;
  readonly endpoint: string;
  readonly status: CallStatus;
  /** Runs of the current step so far (0 while the call waits: its next step has not run). */
  readonly attempt: number;
  /** Runs so far, all steps and retries counted. */
  readonly runs: number;
  /** Polls so far. */
  readonly step: number;
  readonly createdAt: Date;
  readonly expiresAt?: Date;
  readonly finishedAt?: Date;
  /** Set once the call is finished (an Error of type "CancelledError" for a cancelled call). */
  readonly result?: CallResult;
  /** Set while a cancelled call runs its compensation (see CallRecord.cancelling). */
  readonly cancelling?: CancelState;
}

export function toCallInfo(record: CallRecord): CallInfo {
  return {
    id: record.id,
    rootId: record.rootId,
    function: record.function,
    endpoint: record.endpoint,
    status: record.status,
    attempt: record.attempt,
    runs: record.runs,
    step: record.step,
    createdAt: new Date(record.createdAt),
    ...(record.parentId !== undefined ? { parentId: record.parentId } : {}),
    ...(record.expiresAt !== undefined ? { expiresAt: new Date(record.expiresAt) } : {}),
    ...(record.finishedAt !== undefined ? { finishedAt: new Date(record.finishedAt) } : {}),
    ...(record.result !== undefined ? { result: decodeResult(record.result, record.id) } : {}),
    ...(record.cancelling !== undefined ? { cancelling: record.cancelling } : {}),
  };
}
