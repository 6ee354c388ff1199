// The RunRequest for a claimed call: its input on the first run of a coroutine, otherwise the
// saved state and the results this resume carries, matched by correlation id.
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { RunRequestSchema, type RunRequest } from "../gen/dispatch/sdk/v1/function_pb.js";
import { PollResultSchema } from "../gen/dispatch/sdk/v1/poll_pb.js";
import { decodeAny } from "./any-bytes.js";
import { decodeResult } from "./results.js";
import type { ClaimedCall } from "./store/types.js";

export function buildRunRequest({ call, results }: ClaimedCall): RunRequest {
  const common = {
    function: call.function,
    dispatchId: call.id,
    parentDispatchId: call.parentId ?? "",
    rootDispatchId: call.rootId,
    creationTime: timestampFromMs(call.createdAt),
    attempt: call.attempt,
    ...(call.expiresAt !== undefined ? { expirationTime: timestampFromMs(call.expiresAt) } : {}),
  };
  if (call.state === undefined) {
    return create(RunRequestSchema, { ...common, directive: { case: "input", value: decodeAny(call.input) } });
  }
  const pollResult = create(PollResultSchema, {
    state: call.stateTyped
      ? { case: "typedCoroutineState", value: decodeAny(call.state) }
      : { case: "coroutineState", value: call.state },
    results: results.map((r) => decodeResult(r.result, r.childId, r.correlationId)),
  });
  return create(RunRequestSchema, { ...common, directive: { case: "pollResult", value: pollResult } });
}
