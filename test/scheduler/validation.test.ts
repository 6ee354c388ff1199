import { create } from "@bufbuild/protobuf";
import { anyPack, durationFromMs, DurationSchema, StructSchema } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { PollSchema } from "../../runtime/gen/dispatch/sdk/v1/poll_pb.js";
import { decodeEventWait, decodeSleep, eventWaitInput, sleepInput } from "../../runtime/scheduler/reserved.js";
import { callProblem } from "../../runtime/scheduler/validate-call.js";
import { pollProblem } from "../../runtime/scheduler/validate-poll.js";
import { call } from "./protocol.js";

const validPoll = (extra: object = {}) =>
  create(PollSchema, { calls: [call("f", 1, 1n)], minResults: 1, maxResults: 1, maxWait: durationFromMs(1000), ...extra });

describe("validation of calls and polls", () => {
  it("accepts function names matching the upstream pattern only", () => {
    for (const ok of ["f", "_x", "a.b.c", "Map<string>", "x9_"]) expect(callProblem(call(ok))).toBeUndefined();
    expect(callProblem(call(""))).toBe('function "" does not match ^[a-zA-Z_][a-zA-Z0-9_<>.]*$');
    expect(callProblem(call("a-b"))).toBe('function "a-b" does not match ^[a-zA-Z_][a-zA-Z0-9_<>.]*$');
    expect(callProblem(call("f", 1, 0n, { expiration: durationFromMs(0) }))).toBe("expiration must be positive, got 0 ms");
  });

  it("checks the poll limits of the upstream definitions", () => {
    expect(pollProblem(validPoll())).toBeUndefined();
    expect(pollProblem(validPoll({ minResults: 1000, maxResults: 1000 }))).toBeUndefined();
    expect(pollProblem(validPoll({ maxResults: 0 }))).toBe("max_results must be between 1 and 1000, got 0");
    expect(pollProblem(validPoll({ minResults: 1001 }))).toBe("min_results must be between 1 and 1000, got 1001");
    expect(pollProblem(validPoll({ maxWait: undefined }))).toBe("max_wait is required");
    expect(pollProblem(validPoll({ maxWait: durationFromMs(999) }))).toBe("max_wait must be at least 1000 ms, got 999 ms");
    expect(pollProblem(validPoll({ calls: [] }))).toBeUndefined();
  });

  it("decodes the reserved functions' inputs", () => {
    expect(decodeSleep(sleepInput(1500))).toEqual({ ok: true, value: 1500 });
    expect(decodeSleep(undefined)).toEqual({ ok: false, problem: "input must be a google.protobuf.Duration, got no input" });
    expect(decodeEventWait(eventWaitInput({ key: "k", timeoutMs: 10 }))).toEqual({ ok: true, value: { key: "k", timeoutMs: 10 } });
    expect(decodeEventWait(eventWaitInput({ key: "k" }))).toEqual({ ok: true, value: { key: "k" } });
    expect(decodeEventWait(anyPack(DurationSchema, durationFromMs(1)))).toEqual({
      ok: false,
      problem: 'input must be a google.protobuf.Struct {key, timeoutMs?}, got "type.googleapis.com/google.protobuf.Duration"',
    });
    expect(decodeEventWait(anyPack(StructSchema, create(StructSchema)))).toEqual({ ok: false, problem: "key must be a non-empty string, got null" });
  });
});
