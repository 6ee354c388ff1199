import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { DurationSchema } from "@bufbuild/protobuf/wkt";
import { describe, expect, test } from "vitest";
import {
  CallResultSchema,
  CallSchema,
  ExitSchema,
  PollSchema,
  ValidationError,
  isAbsoluteUri,
  isValidationError,
  validateCall,
  validateExit,
  validatePoll,
} from "../../runtime/proto/index.js";

type CallInit = MessageInitShape<typeof CallSchema>;
type PollInit = MessageInitShape<typeof PollSchema>;

const call = (init: CallInit = {}) => create(CallSchema, { function: "f", ...init });
const wait = (seconds: bigint, nanos = 0) => create(DurationSchema, { seconds, nanos });
const poll = (init: PollInit = {}) =>
  create(PollSchema, { maxWait: wait(1n), maxResults: 1, minResults: 1, ...init });

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a ValidationError");
}

describe("validateCall", () => {
  test("accepts and returns a valid call", () => {
    const c = call({ function: "pkg.Type<T>.method_2", endpoint: "https://example.com:8443/x?y=1" });
    expect(validateCall(c)).toBe(c);
  });

  test("function is required", () => {
    expect(messageOf(() => validateCall(call({ function: "" })))).toBe("cannot accept call: function is required");
  });

  test.each(["1abc", "a-b", "a b", "ünïcode", "f()"])("function %j breaks the pattern", (name) => {
    expect(messageOf(() => validateCall(call({ function: name })))).toBe(
      `cannot accept call: function ${JSON.stringify(name)} does not match ^[a-zA-Z_][a-zA-Z0-9_<>.]*$`,
    );
  });

  test("endpoint, when set, must be an absolute URI", () => {
    expect(messageOf(() => validateCall(call({ endpoint: "example.com/x" })))).toBe(
      'cannot accept call: endpoint "example.com/x" is not an absolute URI',
    );
  });

  test.each([
    ["http://localhost:8000", true],
    ["https://example.com/a%20b", true],
    ["urn:isbn:0451450523", true],
    ["/relative/path", false],
    ["http://exa mple.com", false],
    ["https://example.com/é", false],
    ["http://[::1", false],
    ["https://example.com/%zz", false],
  ])("isAbsoluteUri(%j) is %s", (uri, expected) => {
    expect(isAbsoluteUri(uri)).toBe(expected);
  });
});

describe("validatePoll", () => {
  test("accepts a pure timer poll: no calls, min and max of 1", () => {
    const p = poll();
    expect(validatePoll(p)).toBe(p);
  });

  test.each<[string, PollInit, string]>([
    ["missing max_wait", { maxWait: undefined }, "max_wait is required"],
    ["sub-second max_wait", { maxWait: wait(0n, 500_000_000) }, "max_wait must be at least 1s, got 0.5s"],
    ["negative max_wait", { maxWait: wait(-2n) }, "max_wait must be at least 1s, got -2s"],
    ["mixed signs", { maxWait: wait(2n, -1) }, "max_wait is not a valid duration: seconds 2 and nanos -1 have different signs"],
    ["unset max_results", { maxResults: 0 }, "max_results must be in 1..1000, got 0"],
    ["too many min_results", { minResults: 1001, maxResults: 1000 }, "min_results must be in 1..1000, got 1001"],
    ["min above max", { minResults: 5, maxResults: 2 }, "min_results (5) must not exceed max_results (2)"],
    ["an invalid call", { calls: [call(), call({ function: "" })] }, "calls[1].function is required"],
  ])("%s", (_, init, reason) => {
    const error = (() => {
      try {
        validatePoll(poll(init));
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error("expected a ValidationError");
    })();
    expect(error.message).toBe(`cannot accept poll: ${reason}`);
    expect(error.subject).toBe("poll");
    expect(error.reason).toBe(reason);
    expect(error.name).toBe("ValidationError");
  });

  test("accepts the bounds: 1s wait (with nanos), 1000 results", () => {
    expect(() => validatePoll(poll({ maxWait: wait(1n, 1), minResults: 1000, maxResults: 1000 }))).not.toThrow();
  });
});

describe("validateExit", () => {
  test("result is required, also alongside a tail call", () => {
    expect(messageOf(() => validateExit(create(ExitSchema, {})))).toBe("cannot accept exit: result is required");
    expect(messageOf(() => validateExit(create(ExitSchema, { tailCall: call() })))).toBe("cannot accept exit: result is required");
  });

  test("a tail call follows the call rules", () => {
    const exit = create(ExitSchema, { result: create(CallResultSchema), tailCall: call({ function: "9" }) });
    expect(messageOf(() => validateExit(exit))).toBe(
      'cannot accept exit: tail_call.function "9" does not match ^[a-zA-Z_][a-zA-Z0-9_<>.]*$',
    );
  });

  test("accepts and returns a valid exit", () => {
    const exit = create(ExitSchema, { result: create(CallResultSchema), tailCall: call() });
    expect(validateExit(exit)).toBe(exit);
  });
});

test("isValidationError is a shape check", () => {
  expect(isValidationError(new ValidationError("call", "x"))).toBe(true);
  expect(isValidationError(new Error("cannot accept call: x"))).toBe(false);
  expect(isValidationError({ name: "ValidationError", subject: "call", reason: "x" })).toBe(false);
});
