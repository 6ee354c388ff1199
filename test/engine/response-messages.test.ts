// The engine writes its protocol messages as literals instead of calling create(): each literal
// must be the message create() builds, field for field (toStrictEqual: no extra undefined
// fields) and on the wire.
import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack, DurationSchema, StringValueSchema } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { callLiteral, callResult, exitResponse, pollResponse } from "../../runtime/engine/response-messages.js";
import {
  CallResultSchema,
  CallSchema,
  ErrorSchema,
  ExitSchema,
  PollSchema,
  RunResponseSchema,
  Status,
  type RunResponse,
} from "../../runtime/proto/messages.js";

const output = anyPack(StringValueSchema, create(StringValueSchema, { value: "out" }));
const failure = create(ErrorSchema, { type: "ValueError", message: "no" });
const expiration = create(DurationSchema, { seconds: 5n, nanos: 1 });

function same(literal: RunResponse, made: RunResponse): void {
  expect(literal).toStrictEqual(made);
  expect(toBinary(RunResponseSchema, literal)).toEqual(toBinary(RunResponseSchema, made));
}

describe("engine response literals", () => {
  it("Exit with an output, with an error, with nothing", () => {
    same(exitResponse(Status.OK, callResult(output)), create(RunResponseSchema, { status: Status.OK, directive: { case: "exit", value: create(ExitSchema, { result: create(CallResultSchema, { output }) }) } }));
    same(
      exitResponse(Status.PERMANENT_ERROR, callResult(undefined, failure)),
      create(RunResponseSchema, { status: Status.PERMANENT_ERROR, directive: { case: "exit", value: create(ExitSchema, { result: create(CallResultSchema, { error: failure }) }) } }),
    );
    same(exitResponse(Status.OK, callResult(undefined)), create(RunResponseSchema, { status: Status.OK, directive: { case: "exit", value: create(ExitSchema, { result: create(CallResultSchema, {}) }) } }));
  });

  it("Exit with a tail call", () => {
    const literal = exitResponse(Status.OK, callResult(undefined), callLiteral(0n, "next", "", output, undefined, ""));
    const made = create(RunResponseSchema, {
      status: Status.OK,
      directive: { case: "exit", value: create(ExitSchema, { result: create(CallResultSchema, {}), tailCall: create(CallSchema, { function: "next", input: output }) }) },
    });
    same(literal, made);
  });

  it("Calls with and without an expiration, input and version", () => {
    const full = { correlationId: 2n ** 64n - 1n, endpoint: "http://e", function: "f", input: output, expiration, version: "v1" };
    expect(callLiteral(full.correlationId, "f", "http://e", output, expiration, "v1")).toStrictEqual(create(CallSchema, full));
    expect(callLiteral(7n, "g", "", undefined, undefined, "")).toStrictEqual(create(CallSchema, { correlationId: 7n, function: "g" }));
    expect(toBinary(CallSchema, callLiteral(7n, "g", "", output, undefined, ""))).toEqual(toBinary(CallSchema, create(CallSchema, { correlationId: 7n, function: "g", input: output })));
  });

  it("Poll", () => {
    const calls = [callLiteral(1n, "f", "", output, undefined, ""), callLiteral(2n, "f", "e", output, expiration, "v")];
    const fields = { calls, minResults: 1, maxResults: 2, maxWait: create(DurationSchema, { seconds: 60n }), cancelCorrelationIds: [3n] };
    const state = new Uint8Array([1, 2, 3]);
    same(
      pollResponse(Status.OK, { state: { case: "coroutineState", value: state }, ...fields }),
      create(RunResponseSchema, { status: Status.OK, directive: { case: "poll", value: create(PollSchema, { state: { case: "coroutineState", value: state }, ...fields }) } }),
    );
  });
});
