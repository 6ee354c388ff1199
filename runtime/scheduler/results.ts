// Results between the protocol and the store: the store keeps an outcome as the binary Any output
// and the binary Error; the core adds the correlation and dispatch ids when it hands a result to
// a parent or to a caller of `result()`. Errors the scheduler makes up itself are built here.
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { anyPack, EmptySchema } from "@bufbuild/protobuf/wkt";
import { CallResultSchema, type CallResult } from "../gen/dispatch/sdk/v1/call_pb.js";
import { ErrorSchema, type Error as ProtoError } from "../gen/dispatch/sdk/v1/error_pb.js";
import { decodeAny, encodeAny } from "./any-bytes.js";
import type { ResultData } from "./store/types.js";

export function encodeResult(result: { output?: CallResult["output"]; error?: ProtoError }): ResultData {
  // Assignments, not spreads: this runs for every result (object spreads take V8's slow path).
  const data: { -readonly [K in keyof ResultData]: ResultData[K] } = {};
  if (result.output) data.output = encodeAny(result.output);
  if (result.error) data.error = toBinary(ErrorSchema, result.error);
  return data;
}

/** A literal of the shape create(CallResultSchema, ...) returns (see run-request.ts for why). */
export function decodeResult(data: ResultData, dispatchId: string, correlationId = 0n): CallResult {
  const result: CallResult = { $typeName: "dispatch.sdk.v1.CallResult", correlationId, dispatchId };
  if (data.output) result.output = decodeAny(data.output);
  if (data.error) result.error = fromBinary(ErrorSchema, data.error);
  return result;
}

export function errorResult(type: string, message: string): ResultData {
  return { error: toBinary(ErrorSchema, create(ErrorSchema, { type, message })) };
}

/** google.protobuf.Empty: the result of a sleep. */
export const EMPTY_RESULT: ResultData = { output: encodeAny(anyPack(EmptySchema, create(EmptySchema))) };

/** What a parent still waiting on a cancelled call receives, and what `result()` of it returns. */
export const CANCELLED_RESULT: ResultData = errorResult("CancelledError", "cannot finish call: it was cancelled");
