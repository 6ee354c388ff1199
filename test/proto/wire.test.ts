// The protocol messages against bytes written by hand from the field numbers in
// PROTOCOL.md: decoding them must give the expected message, and encoding the
// expected message must give the same bytes. A renumbered or retyped field in
// proto/ fails here, whatever the generated code says.

import { create, equals, fromBinary, toBinary } from "@bufbuild/protobuf";
import { AnySchema, DurationSchema, TimestampSchema } from "@bufbuild/protobuf/wkt";
import { describe, expect, test } from "vitest";
import {
  CallResultSchema,
  CallSchema,
  DispatchRequestSchema,
  DispatchResponseSchema,
  ErrorSchema,
  PollResultSchema,
  RunRequestSchema,
  RunResponseSchema,
  Status,
} from "../../runtime/proto/index.js";
import {
  anyBytes,
  bytesOf,
  hex,
  lenField,
  stringField,
  tag,
  varint,
  varintField,
  type Bytes,
} from "./wire-bytes.js";

// Field numbers, copied from PROTOCOL.md (not from the generated code).
const RunRequestF = { function: 1, input: 2, poll_result: 3, dispatch_id: 4, parent_dispatch_id: 5, root_dispatch_id: 6, creation_time: 7, expiration_time: 8, attempt: 1001 };
const RunResponseF = { status: 1, exit: 2, poll: 3 };
const CallF = { correlation_id: 1, endpoint: 2, function: 3, input: 4, expiration: 5, version: 6 };
const CallResultF = { correlation_id: 1, output: 2, error: 3, dispatch_id: 4 };
const ErrorF = { type: 1, message: 2, value: 3, traceback: 4 };
const ExitF = { result: 1, tail_call: 2 };
const PollF = { coroutine_state: 1, calls: 2, max_wait: 3, max_results: 4, min_results: 5, typed_coroutine_state: 6, cancel_correlation_ids: 1001 };
const PollResultF = { coroutine_state: 1, results: 2, error: 3, typed_coroutine_state: 4 };
const DispatchRequestF = { calls: 1 };
const DispatchResponseF = { dispatch_ids: 1 };
const SecondsNanosF = { seconds: 1, nanos: 2 }; // Timestamp and Duration

const STRING_URL = "type.googleapis.com/google.protobuf.StringValue";
const INT64_URL = "type.googleapis.com/google.protobuf.Int64Value";

function stringValueAny(text: string): Bytes {
  return anyBytes(STRING_URL, stringField(1, text));
}

function expectWire<T extends Parameters<typeof toBinary>[0]>(schema: T, bytes: Uint8Array, expected: Parameters<typeof toBinary<T>>[1]): void {
  const decoded = fromBinary(schema, bytes);
  expect(equals(schema, decoded, expected)).toBe(true);
  expect(hex(toBinary(schema, expected))).toBe(hex(bytes));
}

describe("RunRequest", () => {
  test("with input, ids, times and our attempt extension", () => {
    const bytes = bytesOf(
      stringField(RunRequestF.function, "greet"),
      lenField(RunRequestF.input, stringValueAny("world")),
      stringField(RunRequestF.dispatch_id, "d-1"),
      stringField(RunRequestF.parent_dispatch_id, "p-1"),
      stringField(RunRequestF.root_dispatch_id, "r-1"),
      lenField(RunRequestF.creation_time, [...varintField(SecondsNanosF.seconds, 1_700_000_000), ...varintField(SecondsNanosF.nanos, 5)]),
      lenField(RunRequestF.expiration_time, varintField(SecondsNanosF.seconds, 1_700_003_600)),
      varintField(RunRequestF.attempt, 2),
    );
    const expected = create(RunRequestSchema, {
      function: "greet",
      directive: { case: "input", value: { typeUrl: STRING_URL, value: bytesOf(stringField(1, "world")) } },
      dispatchId: "d-1",
      parentDispatchId: "p-1",
      rootDispatchId: "r-1",
      creationTime: create(TimestampSchema, { seconds: 1_700_000_000n, nanos: 5 }),
      expirationTime: create(TimestampSchema, { seconds: 1_700_003_600n }),
      attempt: 2,
    });
    expectWire(RunRequestSchema, bytes, expected);
    // The extension's tag is the two bytes 0xc8 0x3e: (1001 << 3) | varint.
    expect(tag(RunRequestF.attempt, 0)).toEqual([0xc8, 0x3e]);
  });

  test("with a poll_result: state, an output, an error with value and traceback", () => {
    const error: Bytes = [
      ...stringField(ErrorF.type, "ValueError"),
      ...stringField(ErrorF.message, "bad input"),
      ...lenField(ErrorF.value, [0x80, 0x04, 0x95]),
      ...stringField(ErrorF.traceback, "Traceback (most recent call last):\n"),
    ];
    const pollResult: Bytes = [
      ...lenField(PollResultF.coroutine_state, [1, 2, 3]),
      ...lenField(PollResultF.results, [
        ...varintField(CallResultF.correlation_id, 1),
        ...lenField(CallResultF.output, anyBytes(INT64_URL, varintField(1, 42))),
        ...stringField(CallResultF.dispatch_id, "c-1"),
      ]),
      ...lenField(PollResultF.results, [
        ...varintField(CallResultF.correlation_id, 2n ** 64n - 1n),
        ...lenField(CallResultF.error, error),
        ...stringField(CallResultF.dispatch_id, "c-2"),
      ]),
    ];
    const bytes = bytesOf(
      stringField(RunRequestF.function, "f"),
      lenField(RunRequestF.poll_result, pollResult),
      stringField(RunRequestF.dispatch_id, "d-2"),
    );
    const expected = create(RunRequestSchema, {
      function: "f",
      directive: {
        case: "pollResult",
        value: {
          state: { case: "coroutineState", value: new Uint8Array([1, 2, 3]) },
          results: [
            { correlationId: 1n, output: { typeUrl: INT64_URL, value: bytesOf(varintField(1, 42)) }, dispatchId: "c-1" },
            {
              correlationId: 2n ** 64n - 1n,
              error: {
                type: "ValueError",
                message: "bad input",
                value: new Uint8Array([0x80, 0x04, 0x95]),
                traceback: new TextEncoder().encode("Traceback (most recent call last):\n"),
              },
              dispatchId: "c-2",
            },
          ],
        },
      },
      dispatchId: "d-2",
    });
    expectWire(RunRequestSchema, bytes, expected);
  });

  test("PollResult with an error (the calls were not dispatched) and a typed state", () => {
    const bytes = bytesOf(
      lenField(PollResultF.error, [...stringField(ErrorF.type, "Throttled"), ...stringField(ErrorF.message, "slow down")]),
      lenField(PollResultF.typed_coroutine_state, anyBytes("type.googleapis.com/x.State", [8, 1])),
    );
    const expected = create(PollResultSchema, {
      state: { case: "typedCoroutineState", value: { typeUrl: "type.googleapis.com/x.State", value: new Uint8Array([8, 1]) } },
      error: { type: "Throttled", message: "slow down" },
    });
    expectWire(PollResultSchema, bytes, expected);
  });
});

describe("RunResponse", () => {
  test("with an Exit: result and tail_call with every Call field", () => {
    const call: Bytes = [
      ...varintField(CallF.correlation_id, 7),
      ...stringField(CallF.endpoint, "https://example.com/"),
      ...stringField(CallF.function, "next_step"),
      ...lenField(CallF.input, stringValueAny("x")),
      ...lenField(CallF.expiration, varintField(SecondsNanosF.seconds, 60)),
      ...stringField(CallF.version, "v1"),
    ];
    const bytes = bytesOf(
      varintField(RunResponseF.status, 1),
      lenField(RunResponseF.exit, [
        ...lenField(ExitF.result, lenField(CallResultF.output, stringValueAny("done"))),
        ...lenField(ExitF.tail_call, call),
      ]),
    );
    const expected = create(RunResponseSchema, {
      status: Status.OK,
      directive: {
        case: "exit",
        value: {
          result: { output: { typeUrl: STRING_URL, value: bytesOf(stringField(1, "done")) } },
          tailCall: {
            correlationId: 7n,
            endpoint: "https://example.com/",
            function: "next_step",
            input: { typeUrl: STRING_URL, value: bytesOf(stringField(1, "x")) },
            expiration: create(DurationSchema, { seconds: 60n }),
            version: "v1",
          },
        },
      },
    });
    expectWire(RunResponseSchema, bytes, expected);
  });

  test("with an Exit carrying an error and a retryable status", () => {
    const bytes = bytesOf(
      varintField(RunResponseF.status, 6),
      lenField(RunResponseF.exit, lenField(ExitF.result, lenField(CallResultF.error, [
        ...stringField(ErrorF.type, "TemporaryError"),
        ...stringField(ErrorF.message, "try again"),
      ]))),
    );
    const expected = create(RunResponseSchema, {
      status: Status.TEMPORARY_ERROR,
      directive: { case: "exit", value: { result: { error: { type: "TemporaryError", message: "try again" } } } },
    });
    expectWire(RunResponseSchema, bytes, expected);
  });

  test("with a Poll: state, calls, max_wait, max/min results and our cancel extension", () => {
    const bytes = bytesOf(
      varintField(RunResponseF.status, 1),
      lenField(RunResponseF.poll, [
        ...lenField(PollF.coroutine_state, [0xde, 0xad]),
        ...lenField(PollF.calls, [...varintField(CallF.correlation_id, 1), ...stringField(CallF.function, "a")]),
        ...lenField(PollF.calls, [...varintField(CallF.correlation_id, 2), ...stringField(CallF.function, "b")]),
        ...lenField(PollF.max_wait, varintField(SecondsNanosF.seconds, 5)),
        ...varintField(PollF.max_results, 2),
        ...varintField(PollF.min_results, 1),
        // repeated uint64 is packed in proto3: one length-prefixed run of varints.
        ...lenField(PollF.cancel_correlation_ids, [...varint(3), ...varint(300)]),
      ]),
    );
    const expected = create(RunResponseSchema, {
      status: Status.OK,
      directive: {
        case: "poll",
        value: {
          state: { case: "coroutineState", value: new Uint8Array([0xde, 0xad]) },
          calls: [
            { correlationId: 1n, function: "a" },
            { correlationId: 2n, function: "b" },
          ],
          maxWait: create(DurationSchema, { seconds: 5n }),
          maxResults: 2,
          minResults: 1,
          cancelCorrelationIds: [3n, 300n],
        },
      },
    });
    expectWire(RunResponseSchema, bytes, expected);
  });

  test("a Poll's typed_coroutine_state is field 6, inside the state oneof", () => {
    const bytes = bytesOf(
      lenField(RunResponseF.poll, [
        ...lenField(PollF.typed_coroutine_state, anyBytes("type.googleapis.com/x.State", [])),
      ]),
    );
    const decoded = fromBinary(RunResponseSchema, bytes);
    expect(decoded.directive.case).toBe("poll");
    const poll = decoded.directive.value as { state: { case: string } };
    expect(poll.state.case).toBe("typedCoroutineState");
  });
});

describe("DispatchService messages", () => {
  test("DispatchRequest carries calls in field 1", () => {
    const bytes = bytesOf(
      lenField(DispatchRequestF.calls, [...stringField(CallF.function, "a"), ...lenField(CallF.input, stringValueAny("1"))]),
      lenField(DispatchRequestF.calls, stringField(CallF.function, "b")),
    );
    const expected = create(DispatchRequestSchema, {
      calls: [
        { function: "a", input: { typeUrl: STRING_URL, value: bytesOf(stringField(1, "1")) } },
        { function: "b" },
      ],
    });
    expectWire(DispatchRequestSchema, bytes, expected);
  });

  test("DispatchResponse carries dispatch ids in field 1, in order", () => {
    const bytes = bytesOf(stringField(DispatchResponseF.dispatch_ids, "id-a"), stringField(DispatchResponseF.dispatch_ids, "id-b"));
    expectWire(DispatchResponseSchema, bytes, create(DispatchResponseSchema, { dispatchIds: ["id-a", "id-b"] }));
  });
});

describe("field types", () => {
  test("Status values have the upstream numbers", () => {
    expect([
      Status.UNSPECIFIED, Status.OK, Status.TIMEOUT, Status.THROTTLED, Status.INVALID_ARGUMENT,
      Status.INVALID_RESPONSE, Status.TEMPORARY_ERROR, Status.PERMANENT_ERROR, Status.INCOMPATIBLE_STATE,
      Status.DNS_ERROR, Status.TCP_ERROR, Status.TLS_ERROR, Status.HTTP_ERROR, Status.UNAUTHENTICATED,
      Status.PERMISSION_DENIED, Status.NOT_FOUND,
    ]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  test("correlation_id is a uint64 varint: the largest value is ten bytes", () => {
    const bytes = bytesOf(varintField(CallF.correlation_id, 2n ** 64n - 1n));
    expect(hex(bytes)).toBe("08ffffffffffffffffff01");
    expect(fromBinary(CallSchema, bytes).correlationId).toBe(2n ** 64n - 1n);
  });

  test("an unpacked repeated uint64 is accepted too, as protobuf requires", () => {
    const bytes = bytesOf(
      lenField(RunResponseF.poll, [
        ...varintField(PollF.cancel_correlation_ids, 4),
        ...varintField(PollF.cancel_correlation_ids, 5),
      ]),
    );
    const decoded = fromBinary(RunResponseSchema, bytes);
    expect((decoded.directive.value as { cancelCorrelationIds: bigint[] }).cancelCorrelationIds).toEqual([4n, 5n]);
  });

  test("Error.value and Error.traceback are bytes, not strings (invalid UTF-8 survives)", () => {
    const bytes = bytesOf(lenField(ErrorF.value, [0xff, 0xfe]), lenField(ErrorF.traceback, [0xc3]));
    const decoded = fromBinary(ErrorSchema, bytes);
    expect([...decoded.value]).toEqual([0xff, 0xfe]);
    expect([...decoded.traceback]).toEqual([0xc3]);
  });

  test("CallResult may carry both output and error", () => {
    const bytes = bytesOf(
      lenField(CallResultF.output, stringValueAny("partial")),
      lenField(CallResultF.error, stringField(ErrorF.type, "E")),
    );
    const decoded = fromBinary(CallResultSchema, bytes);
    expect(decoded.output?.typeUrl).toBe(STRING_URL);
    expect(decoded.error?.type).toBe("E");
  });

  test("Any is type_url = 1, value = 2", () => {
    const bytes = bytesOf(anyBytes(STRING_URL, [1]));
    expect(fromBinary(AnySchema, bytes)).toMatchObject({ typeUrl: STRING_URL, value: new Uint8Array([1]) });
  });
});
