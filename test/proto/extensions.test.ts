// Our extension fields (RunRequest.attempt = 1001, Poll.cancel_correlation_ids =
// 1001) must be invisible to a decoder of the upstream schema: it skips them as
// unknown fields and reads everything else the same. The upstream schema is
// rebuilt here by reflection: the same descriptors with the extension fields
// removed, in a registry of their own.

import { clone, create, createFileRegistry, fromBinary, toBinary, type DescMessage } from "@bufbuild/protobuf";
import {
  DurationSchema,
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
  file_google_protobuf_any,
  file_google_protobuf_duration,
  file_google_protobuf_timestamp,
} from "@bufbuild/protobuf/wkt";
import { describe, expect, test } from "vitest";
import { file_dispatch_sdk_v1_call } from "../../runtime/gen/dispatch/sdk/v1/call_pb.js";
import { file_dispatch_sdk_v1_error } from "../../runtime/gen/dispatch/sdk/v1/error_pb.js";
import { file_dispatch_sdk_v1_exit } from "../../runtime/gen/dispatch/sdk/v1/exit_pb.js";
import { file_dispatch_sdk_v1_function } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { file_dispatch_sdk_v1_poll } from "../../runtime/gen/dispatch/sdk/v1/poll_pb.js";
import { file_dispatch_sdk_v1_status } from "../../runtime/gen/dispatch/sdk/v1/status_pb.js";
import { PollSchema, RunRequestSchema, RunResponseSchema } from "../../runtime/proto/index.js";
import { hex } from "./wire-bytes.js";

const EXTENSION_FIELD = 1001;

function upstreamSchemas(): { runRequest: DescMessage; runResponse: DescMessage; poll: DescMessage } {
  const files = [
    file_google_protobuf_any,
    file_google_protobuf_duration,
    file_google_protobuf_timestamp,
    file_dispatch_sdk_v1_error,
    file_dispatch_sdk_v1_call,
    file_dispatch_sdk_v1_exit,
    file_dispatch_sdk_v1_status,
    file_dispatch_sdk_v1_poll,
    file_dispatch_sdk_v1_function,
  ].map((file) => {
    const proto = clone(FileDescriptorProtoSchema, file.proto);
    for (const message of proto.messageType) {
      message.field = message.field.filter((field) => field.number !== EXTENSION_FIELD);
    }
    return proto;
  });
  const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: files }));
  const get = (name: string): DescMessage => {
    const desc = registry.getMessage(name);
    if (desc === undefined) throw new Error(`missing ${name}`);
    return desc;
  };
  return {
    runRequest: get("dispatch.sdk.v1.RunRequest"),
    runResponse: get("dispatch.sdk.v1.RunResponse"),
    poll: get("dispatch.sdk.v1.Poll"),
  };
}

describe("extension fields and upstream decoders", () => {
  const upstream = upstreamSchemas();

  test("the upstream copy really lacks the extension fields", () => {
    expect(upstream.runRequest.fields.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(upstream.poll.fields.map((f) => f.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  // protobuf-es keeps a skipped field as { no, wireType, data } with data after the tag.
  test("RunRequest.attempt is skipped as an unknown field; the rest reads the same", () => {
    const ours = create(RunRequestSchema, { function: "f", dispatchId: "d", attempt: 3 });
    const bytes = toBinary(RunRequestSchema, ours);
    const theirs = fromBinary(upstream.runRequest, bytes) as unknown as Record<string, unknown>;
    expect(theirs.function).toBe("f");
    expect(theirs.dispatchId).toBe("d");
    expect(theirs.attempt).toBeUndefined();
    expect(theirs.$unknown).toEqual([{ no: EXTENSION_FIELD, wireType: 0, data: new Uint8Array([3]) }]);
  });

  test("Poll.cancel_correlation_ids is skipped inside a RunResponse; the poll reads the same", () => {
    const ours = create(RunResponseSchema, {
      status: 1,
      directive: {
        case: "poll",
        value: create(PollSchema, {
          calls: [{ correlationId: 9n, function: "g" }],
          maxWait: create(DurationSchema, { seconds: 1n }),
          maxResults: 1,
          minResults: 1,
          cancelCorrelationIds: [4n, 5n],
        }),
      },
    });
    const bytes = toBinary(RunResponseSchema, ours);
    const theirs = fromBinary(upstream.runResponse, bytes) as unknown as {
      directive: { case: string; value: Record<string, unknown> & { calls: { function: string }[] } };
    };
    expect(theirs.directive.case).toBe("poll");
    const poll = theirs.directive.value;
    expect(poll.calls.map((c) => c.function)).toEqual(["g"]);
    expect(poll.maxResults).toBe(1);
    expect(poll.cancelCorrelationIds).toBeUndefined();
    expect(poll.$unknown).toEqual([{ no: EXTENSION_FIELD, wireType: 2, data: new Uint8Array([2, 4, 5]) }]);
  });

  test("an upstream decoder that re-encodes keeps our fields, so a pass-through scheduler loses nothing", () => {
    const ours = create(RunRequestSchema, { function: "f", attempt: 7 });
    const passedThrough = toBinary(upstream.runRequest, fromBinary(upstream.runRequest, toBinary(RunRequestSchema, ours)));
    expect(hex(passedThrough)).toBe(hex(toBinary(RunRequestSchema, ours)));
    expect(fromBinary(RunRequestSchema, passedThrough).attempt).toBe(7);
  });

  test("bytes from an upstream encoder decode with our schema, extensions at their defaults", () => {
    const theirs = create(upstream.runRequest, { function: "f", dispatchId: "d" } as never);
    const ours = fromBinary(RunRequestSchema, toBinary(upstream.runRequest, theirs));
    expect(ours.function).toBe("f");
    expect(ours.attempt).toBe(0);
  });
});
