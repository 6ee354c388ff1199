// buildRunRequest and decodeResult write protobuf messages as literals instead of calling
// create(): the literals must be the messages create() builds, field for field and on the wire.
import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack, AnySchema, BytesValueSchema, timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { CallResultSchema } from "../../runtime/gen/dispatch/sdk/v1/call_pb.js";
import { ErrorSchema } from "../../runtime/gen/dispatch/sdk/v1/error_pb.js";
import { RunRequestSchema } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { PollResultSchema } from "../../runtime/gen/dispatch/sdk/v1/poll_pb.js";
import { encodeAny } from "../../runtime/scheduler/any-bytes.js";
import { decodeResult } from "../../runtime/scheduler/results.js";
import { buildRunRequest } from "../../runtime/scheduler/run-request.js";
import type { CallRecord, ClaimedCall } from "../../runtime/scheduler/store/types.js";

const input = anyPack(BytesValueSchema, create(BytesValueSchema, { value: new Uint8Array([1, 2, 3]) }));
const failure = create(ErrorSchema, { type: "ValueError", message: "no" });

function record(extra: Partial<CallRecord> = {}): CallRecord {
  return {
    id: "c1",
    rootId: "r1",
    correlationId: 7n,
    kind: "run",
    endpoint: "",
    function: "f",
    version: "",
    input: encodeAny(input),
    createdAt: 1_700_000_000_123,
    status: "running",
    attempt: 2,
    runs: 2,
    step: 0,
    generation: 0,
    parentGeneration: 0,
    restarts: 0,
    stateTyped: false,
    minResults: 0,
    maxResults: 0,
    ...extra,
  };
}

function viaCreate({ call, results }: ClaimedCall) {
  const common = {
    function: call.function,
    dispatchId: call.id,
    parentDispatchId: call.parentId ?? "",
    rootDispatchId: call.rootId,
    creationTime: timestampFromMs(call.createdAt),
    attempt: call.attempt,
    ...(call.expiresAt !== undefined ? { expirationTime: timestampFromMs(call.expiresAt) } : {}),
  };
  if (call.state === undefined) return create(RunRequestSchema, { ...common, directive: { case: "input", value: input } });
  const typed = create(AnySchema, { typeUrl: "t", value: new Uint8Array([9]) });
  const pollResult = create(PollResultSchema, {
    state: call.stateTyped ? { case: "typedCoroutineState", value: typed } : { case: "coroutineState", value: call.state },
    results: results.map((r) =>
      create(CallResultSchema, {
        correlationId: r.correlationId,
        dispatchId: r.childId,
        ...(r.result.output ? { output: input } : {}),
        ...(r.result.error ? { error: failure } : {}),
      }),
    ),
  });
  return create(RunRequestSchema, { ...common, directive: { case: "pollResult", value: pollResult } });
}

describe("RunRequest literals", () => {
  const claims: [string, ClaimedCall][] = [
    ["a first run", { call: record(), results: [] }],
    ["a child with an expiration", { call: record({ parentId: "p1", expiresAt: 1_700_000_999_999 }), results: [] }],
    [
      "a resume with a result and an error",
      {
        call: record({ state: new Uint8Array([4, 5]), step: 1 }),
        results: [
          { childId: "k1", correlationId: 1n, result: { output: encodeAny(input) } },
          { childId: "k2", correlationId: 2n ** 64n - 1n, result: { error: toBinary(ErrorSchema, failure) } },
        ],
      },
    ],
    [
      "a resume with typed state",
      { call: record({ state: encodeAny(create(AnySchema, { typeUrl: "t", value: new Uint8Array([9]) })), stateTyped: true }), results: [] },
    ],
  ];
  for (const [name, claimed] of claims) {
    it(`equals what create() builds, on the wire too: ${name}`, () => {
      const built = buildRunRequest(claimed);
      const expected = viaCreate(claimed);
      expect(built).toStrictEqual(expected);
      expect(toBinary(RunRequestSchema, built)).toEqual(toBinary(RunRequestSchema, expected));
    });
  }

  it("decodes a stored result into the CallResult create() builds", () => {
    const empty = decodeResult({}, "d0");
    expect(empty).toStrictEqual(create(CallResultSchema, { dispatchId: "d0" }));
    const both = decodeResult({ output: encodeAny(input), error: toBinary(ErrorSchema, failure) }, "d1", 3n);
    expect(both).toStrictEqual(create(CallResultSchema, { dispatchId: "d1", correlationId: 3n, output: input, error: failure }));
  });
});
