import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { RunResponseSchema } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { interpretResponse } from "../../runtime/scheduler/interpret-response.js";
import { decodeResult } from "../../runtime/scheduler/results.js";
import { SLEEP_FUNCTION, sleepInput } from "../../runtime/scheduler/reserved.js";
import { call, failure, ok, poll, show, Status, tail } from "./protocol.js";

const ctx = { id: "c1", function: "f" };
const shown = (outcome: ReturnType<typeof interpretResponse>) =>
  "result" in outcome ? [outcome.kind, outcome.status, show(decodeResult(outcome.result, "c1"))] : [outcome.kind, outcome.status];

describe("interpreting a RunResponse", () => {
  it("finishes on OK exits, with or without an error", () => {
    expect(shown(interpretResponse(ok(1), ctx))).toEqual(["exit", Status.OK, 1]);
    const raised = failure(Status.OK, "KeyError", "k");
    expect(shown(interpretResponse(raised, ctx))).toEqual(["exit", Status.OK, "KeyError: k"]);
  });

  it("reads the status before the directive", () => {
    expect(interpretResponse(tail(call("g"), Status.THROTTLED), ctx)).toMatchObject({ kind: "retry", status: Status.THROTTLED, message: "THROTTLED" });
    expect(interpretResponse(failure(Status.TEMPORARY_ERROR, "E", "m"), ctx)).toMatchObject({ kind: "retry", message: "E: m" });
    expect(interpretResponse(poll({}, [call("g", 1, 1n)]), ctx).kind).toBe("poll");
    expect(interpretResponse({ ...poll({}, []), status: Status.INCOMPATIBLE_STATE }, ctx).kind).toBe("incompatible");
    expect(shown(interpretResponse(tail(call("g"), Status.PERMANENT_ERROR), ctx))).toEqual([
      "exit",
      Status.PERMANENT_ERROR,
      "PermanentError: cannot run call c1 (f): the endpoint answered PERMANENT_ERROR",
    ]);
  });

  it("rejects responses that break the protocol as INVALID_RESPONSE", () => {
    const cases: [ReturnType<typeof ok>, string][] = [
      [create(RunResponseSchema, { status: Status.OK }), "cannot accept response from call c1 (f): it has neither exit nor poll"],
      [create(RunResponseSchema, { status: Status.OK, directive: { case: "exit", value: {} } }), "cannot accept exit from call c1 (f): result is required"],
      [tail(call("x y")), 'cannot accept tail call from call c1 (f): function "x y" does not match ^[a-zA-Z_][a-zA-Z0-9_<>.]*$'],
      [tail(call(SLEEP_FUNCTION, sleepInput(1))), "cannot accept tail call from call c1 (f): a tail call cannot go to a reserved function"],
    ];
    for (const [response, message] of cases) {
      expect(shown(interpretResponse(response, ctx))).toEqual(["exit", Status.INVALID_RESPONSE, `InvalidResponseError: ${message}`]);
    }
  });
});
