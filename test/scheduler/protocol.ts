// Building and reading protocol messages in tests: JSON values travel as google.protobuf.Value,
// coroutine state as JSON bytes. Fake functions speak only RunRequest/RunResponse.
import { create, fromJson, toJson, type JsonValue, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack, anyUnpack, durationFromMs, ValueSchema, type Any } from "@bufbuild/protobuf/wkt";
import { CallSchema, type Call, type CallResult } from "../../runtime/gen/dispatch/sdk/v1/call_pb.js";
import { ErrorSchema } from "../../runtime/gen/dispatch/sdk/v1/error_pb.js";
import { RunResponseSchema, type RunRequest, type RunResponse } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { Status } from "../../runtime/gen/dispatch/sdk/v1/status_pb.js";

export { Status };

export const pack = (value: JsonValue): Any => anyPack(ValueSchema, fromJson(ValueSchema, value));

export function unpack(any: Any | undefined): JsonValue | undefined {
  const value = any && anyUnpack(any, ValueSchema);
  return value ? toJson(ValueSchema, value) : undefined;
}

export function call(fn: string, input?: JsonValue | Any, correlationId = 0n, extra: MessageInitShape<typeof CallSchema> = {}): Call {
  const packed = input === undefined ? undefined : isAny(input) ? input : pack(input);
  return create(CallSchema, { function: fn, correlationId, ...(packed ? { input: packed } : {}), ...extra });
}

function isAny(value: unknown): value is Any {
  return typeof value === "object" && value !== null && (value as { $typeName?: string }).$typeName === "google.protobuf.Any";
}

export function ok(value: JsonValue): RunResponse {
  return create(RunResponseSchema, { status: Status.OK, directive: { case: "exit", value: { result: { output: pack(value) } } } });
}

export function failure(status: Status, type: string, message: string): RunResponse {
  const error = create(ErrorSchema, { type, message });
  return create(RunResponseSchema, { status, directive: { case: "exit", value: { result: { error } } } });
}

export function tail(next: Call, status = Status.OK): RunResponse {
  return create(RunResponseSchema, { status, directive: { case: "exit", value: { result: {}, tailCall: next } } });
}

export interface PollShape {
  readonly min?: number;
  readonly max?: number;
  readonly maxWaitMs?: number;
  readonly cancel?: readonly bigint[];
}

export function poll(state: JsonValue, calls: readonly Call[], shape: PollShape = {}): RunResponse {
  const n = Math.max(1, calls.length);
  return create(RunResponseSchema, {
    status: Status.OK,
    directive: {
      case: "poll",
      value: {
        state: { case: "coroutineState", value: new TextEncoder().encode(JSON.stringify(state)) },
        calls: [...calls],
        minResults: shape.min ?? n,
        maxResults: shape.max ?? n,
        maxWait: durationFromMs(shape.maxWaitMs ?? 60_000),
        cancelCorrelationIds: [...(shape.cancel ?? [])],
      },
    },
  });
}

/** The state a resume carries back, or undefined on a first run. */
export function stateOf<T = JsonValue>(request: RunRequest): T | undefined {
  if (request.directive.case !== "pollResult") return undefined;
  const state = request.directive.value.state;
  if (state.case !== "coroutineState") throw new Error("test functions only use coroutine_state bytes");
  return JSON.parse(new TextDecoder().decode(state.value)) as T;
}

export function resultsOf(request: RunRequest): readonly CallResult[] {
  return request.directive.case === "pollResult" ? request.directive.value.results : [];
}

export function inputOf(request: RunRequest): JsonValue | undefined {
  return request.directive.case === "input" ? unpack(request.directive.value) : undefined;
}

/** A result's value, or "<Type>: <message>" for an error. */
export function show(result: CallResult): JsonValue | undefined {
  if (result.error) return `${result.error.type}: ${result.error.message}`;
  return unpack(result.output);
}
