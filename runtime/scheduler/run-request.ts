// The RunRequest for a claimed call: its input on the first run of a coroutine, otherwise the
// saved state and the results this resume carries, matched by correlation id.
//
// The messages are written as literals of the shape `create()` returns (protobuf-es messages are
// plain objects tagged with $typeName): create() walks the schema and assigns field by field,
// which made it a visible share of an in-process call. Every field is set, so a literal equals
// what create() would have built (test/scheduler/run-request.test.ts checks that, and toBinary).
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import type { RunRequest } from "../gen/dispatch/sdk/v1/function_pb.js";
import type { PollResult } from "../gen/dispatch/sdk/v1/poll_pb.js";
import { decodeAny } from "./any-bytes.js";
import { decodeResult } from "./results.js";
import type { ClaimedCall } from "./store/types.js";

/** timestampFromMs, as a literal. */
function timestamp(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { $typeName: "google.protobuf.Timestamp", seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1000000 };
}

export function buildRunRequest({ call, results }: ClaimedCall): RunRequest {
  let directive: RunRequest["directive"];
  if (call.state === undefined) {
    directive = { case: "input", value: decodeAny(call.input) };
  } else {
    const pollResult: PollResult = {
      $typeName: "dispatch.sdk.v1.PollResult",
      state: call.stateTyped ? { case: "typedCoroutineState", value: decodeAny(call.state) } : { case: "coroutineState", value: call.state },
      results: results.map((r) => decodeResult(r.result, r.childId, r.correlationId)),
    };
    directive = { case: "pollResult", value: pollResult };
  }
  const request: RunRequest = {
    $typeName: "dispatch.sdk.v1.RunRequest",
    function: call.function,
    directive,
    dispatchId: call.id,
    parentDispatchId: call.parentId ?? "",
    rootDispatchId: call.rootId,
    creationTime: timestamp(call.createdAt),
    attempt: call.attempt,
  };
  // Assigned, not spread into the literal (a spread takes V8's slow clone path, per call).
  if (call.expiresAt !== undefined) request.expirationTime = timestamp(call.expiresAt);
  return request;
}
