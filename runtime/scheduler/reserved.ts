// Reserved functions: calls the scheduler resolves itself, never sent to an endpoint. They are
// how durable timers and events ride on the protocol: a coroutine polls on a call to one of them
// like on any other call. Their inputs are well-known types so that any language can use them.
import { fromJson, toJson, type JsonValue } from "@bufbuild/protobuf";
import {
  anyIs,
  anyPack,
  anyUnpack,
  durationFromMs,
  durationMs,
  DurationSchema,
  StructSchema,
  type Any,
} from "@bufbuild/protobuf/wkt";

/** Input: google.protobuf.Duration. Result: google.protobuf.Empty once that time has passed. */
export const SLEEP_FUNCTION = "dispatch_ts.sleep";
/** Input: google.protobuf.Struct {key: string, timeoutMs?: number}. Result: the event's payload,
 * or an Error of type "TimeoutError". */
export const WAIT_FOR_EVENT_FUNCTION = "dispatch_ts.wait_for_event";

export interface EventWait {
  readonly key: string;
  readonly timeoutMs?: number;
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export function isReserved(fn: string): boolean {
  return fn === SLEEP_FUNCTION || fn === WAIT_FOR_EVENT_FUNCTION;
}

export function sleepInput(ms: number): Any {
  return anyPack(DurationSchema, durationFromMs(ms));
}

export function eventWaitInput(wait: EventWait): Any {
  const json: Record<string, JsonValue> = { key: wait.key };
  if (wait.timeoutMs !== undefined) json.timeoutMs = wait.timeoutMs;
  return anyPack(StructSchema, fromJson(StructSchema, json));
}

function typeName(input: Any | undefined): string {
  return input?.typeUrl ? `"${input.typeUrl}"` : "no input";
}

/** The sleep's duration in milliseconds. */
export function decodeSleep(input: Any | undefined): Decoded<number> {
  const duration = input && anyIs(input, DurationSchema) ? anyUnpack(input, DurationSchema) : undefined;
  if (!duration) return { ok: false, problem: `input must be a google.protobuf.Duration, got ${typeName(input)}` };
  const ms = durationMs(duration);
  if (!(ms >= 0)) return { ok: false, problem: `duration must not be negative, got ${ms} ms` };
  return { ok: true, value: ms };
}

export function decodeEventWait(input: Any | undefined): Decoded<EventWait> {
  const struct = input && anyIs(input, StructSchema) ? anyUnpack(input, StructSchema) : undefined;
  if (!struct) {
    return { ok: false, problem: `input must be a google.protobuf.Struct {key, timeoutMs?}, got ${typeName(input)}` };
  }
  const json = toJson(StructSchema, struct) as Record<string, JsonValue>;
  const key = json.key;
  if (typeof key !== "string" || key === "") {
    return { ok: false, problem: `key must be a non-empty string, got ${JSON.stringify(key ?? null)}` };
  }
  const timeoutMs = json.timeoutMs;
  if (timeoutMs === undefined || timeoutMs === null) return { ok: true, value: { key } };
  if (typeof timeoutMs !== "number" || !(timeoutMs >= 0) || !Number.isFinite(timeoutMs)) {
    return { ok: false, problem: `timeoutMs must be a non-negative number, got ${JSON.stringify(timeoutMs)}` };
  }
  return { ok: true, value: { key, timeoutMs } };
}
