// Protocol Calls to store records. A call's kind decides how it waits: a run is ready at once, a
// sleep at its wake time, an event waiter at its timeout (or never, until its event comes), and
// none of them later than its expiration, when it fails. The calls have been validated
// (callProblem) before they get here.
import { create } from "@bufbuild/protobuf";
import { AnySchema, durationMs } from "@bufbuild/protobuf/wkt";
import type { Call } from "../gen/dispatch/sdk/v1/call_pb.js";
import { encodeAny } from "./any-bytes.js";
import { newCallId } from "./call-id.js";
import { decodeEventWait, decodeSleep, SLEEP_FUNCTION, WAIT_FOR_EVENT_FUNCTION } from "./reserved.js";
import type { NewCall } from "./store/types.js";

export interface Placement {
  readonly now: number;
  /** The endpoint of a call that names none. */
  readonly endpoint: string;
  /** For children: the parent and its root. */
  readonly parentId?: string;
  readonly rootId?: string;
  readonly idempotencyKey?: string;
}

export function toNewCall(call: Call, placement: Placement): NewCall {
  const { now } = placement;
  const id = newCallId(now);
  // One literal and the optional fields that apply, not spreads: this runs for every call made.
  const record: { -readonly [K in keyof NewCall]: NewCall[K] } = {
    id,
    rootId: placement.rootId ?? id,
    correlationId: call.correlationId,
    kind: "run",
    endpoint: call.endpoint || placement.endpoint,
    function: call.function,
    version: call.version,
    input: encodeAny(call.input ?? create(AnySchema)),
    createdAt: now,
  };
  if (placement.parentId !== undefined) record.parentId = placement.parentId;
  if (placement.idempotencyKey !== undefined) record.idempotencyKey = placement.idempotencyKey;
  const expiresAt = call.expiration ? now + durationMs(call.expiration) : undefined;
  if (expiresAt !== undefined) record.expiresAt = expiresAt;
  const capped = (at: number | undefined) => (expiresAt === undefined ? at : Math.min(at ?? expiresAt, expiresAt));
  if (call.function === SLEEP_FUNCTION) {
    const sleep = decodeSleep(call.input);
    record.kind = "sleep";
    record.readyAt = capped(now + (sleep.ok ? sleep.value : 0))!;
  } else if (call.function === WAIT_FOR_EVENT_FUNCTION) {
    const wait = decodeEventWait(call.input);
    const timeoutMs = wait.ok ? wait.value.timeoutMs : undefined;
    const readyAt = capped(timeoutMs === undefined ? undefined : now + timeoutMs);
    record.kind = "event";
    record.eventKey = wait.ok ? wait.value.key : "";
    if (readyAt !== undefined) record.readyAt = readyAt;
  } else {
    record.readyAt = now;
  }
  return record;
}
