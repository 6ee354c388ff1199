// The protocol messages the engine answers with (RunResponse, Exit, Poll, CallResult, Call),
// written as literals of the shape `create()` returns. protobuf-es messages are plain objects
// tagged with $typeName; create() walks the schema field by field, and the engine built three
// messages for every call that returns and one per call a Poll makes, which showed in profiles
// of a fan-out. Unset message fields are left out, as create() leaves them out, so a literal
// equals create()'s message field for field and on the wire (test/engine/response-messages.test.ts).
import type { Any, Duration } from "@bufbuild/protobuf/wkt";
import type { Call, CallResult, Error as ProtoError, Exit, Poll, RunResponse, Status } from "../proto/messages.js";

/** CallResult { output } or { error }: the result of an Exit. */
export function callResult(output: Any | undefined, error?: ProtoError): CallResult {
  const result: CallResult = { $typeName: "dispatch.sdk.v1.CallResult", correlationId: 0n, dispatchId: "" };
  if (output !== undefined) result.output = output;
  if (error !== undefined) result.error = error;
  return result;
}

/** RunResponse { status, exit: Exit { result, tail_call } }. */
export function exitResponse(status: Status, result: CallResult, tailCall?: Call): RunResponse {
  const exit: Exit = { $typeName: "dispatch.sdk.v1.Exit", result, cancelCorrelationIds: [] };
  if (tailCall !== undefined) exit.tailCall = tailCall;
  return { $typeName: "dispatch.sdk.v1.RunResponse", status, directive: { case: "exit", value: exit } };
}

/** RunResponse { status, poll }. */
export function pollResponse(status: Status, poll: Omit<Poll, "$typeName" | "maxWait"> & { maxWait: Duration }): RunResponse {
  const value: Poll = {
    $typeName: "dispatch.sdk.v1.Poll",
    state: poll.state,
    calls: poll.calls,
    maxWait: poll.maxWait,
    maxResults: poll.maxResults,
    minResults: poll.minResults,
    cancelCorrelationIds: poll.cancelCorrelationIds,
  };
  return { $typeName: "dispatch.sdk.v1.RunResponse", status, directive: { case: "poll", value } };
}

/** Call { correlation_id, endpoint, function, input, expiration, version }. */
export function callLiteral(correlationId: bigint, fn: string, endpoint: string, input: Any | undefined, expiration: Duration | undefined, version: string): Call {
  const call: Call = { $typeName: "dispatch.sdk.v1.Call", correlationId, endpoint, function: fn, version };
  if (input !== undefined) call.input = input;
  if (expiration !== undefined) call.expiration = expiration;
  return call;
}
