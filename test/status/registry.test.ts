import { afterEach, describe, expect, test, vi } from "vitest";
import {
  Status,
  StatusRegistry,
  TemporaryError,
  ThrottledError,
  registerErrorType,
  registerOutputType,
  statusName,
  statusOf,
  statusOfOutput,
} from "../../runtime/status/index.js";

class AppError extends Error {}
class RetryLater extends AppError {}
class Gone extends RetryLater {}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("registerErrorType", () => {
  test("a fixed status applies to the class and its subclasses", () => {
    const registry = new StatusRegistry();
    registry.registerErrorType(AppError, Status.TEMPORARY_ERROR);
    expect(statusName(registry.statusOf(new AppError()))).toBe("TEMPORARY_ERROR");
    expect(statusName(registry.statusOf(new Gone()))).toBe("TEMPORARY_ERROR");
  });

  test("the most specific registered class wins, whatever the registration order", () => {
    const registry = new StatusRegistry();
    registry.registerErrorType(RetryLater, Status.THROTTLED);
    registry.registerErrorType(AppError, Status.PERMANENT_ERROR);
    registry.registerErrorType(Error, Status.TEMPORARY_ERROR);
    expect(statusName(registry.statusOf(new Gone()))).toBe("THROTTLED");
    expect(statusName(registry.statusOf(new AppError()))).toBe("PERMANENT_ERROR");
    expect(statusName(registry.statusOf(new TypeError()))).toBe("TEMPORARY_ERROR");
  });

  test("a registered subclass of a status error overrides its status; a registered base does not", () => {
    class SoftThrottle extends ThrottledError {}
    const registry = new StatusRegistry();
    registry.registerErrorType(SoftThrottle, Status.TEMPORARY_ERROR);
    registry.registerErrorType(Error, Status.PERMANENT_ERROR);
    expect(statusName(registry.statusOf(new SoftThrottle()))).toBe("TEMPORARY_ERROR");
    expect(statusName(registry.statusOf(new ThrottledError()))).toBe("THROTTLED");
  });

  test("a function derives the status from the error", () => {
    class ApiError extends Error {
      constructor(readonly retryable: boolean) {
        super();
      }
    }
    const registry = new StatusRegistry();
    registry.registerErrorType(ApiError, (e) => (e.retryable ? Status.TEMPORARY_ERROR : Status.INVALID_ARGUMENT));
    expect(statusName(registry.statusOf(new ApiError(true)))).toBe("TEMPORARY_ERROR");
    expect(statusName(registry.statusOf(new ApiError(false)))).toBe("INVALID_ARGUMENT");
  });

  test("a function that returns undefined falls through to the parent and then the defaults", () => {
    const registry = new StatusRegistry();
    registry.registerErrorType(Gone, () => undefined);
    registry.registerErrorType(AppError, (e) => (e.message === "slow" ? Status.THROTTLED : undefined));
    expect(statusName(registry.statusOf(new Gone("slow")))).toBe("THROTTLED");
    expect(statusName(registry.statusOf(new Gone("other")))).toBe("PERMANENT_ERROR");
    registry.registerErrorType(Error, (e) => (e instanceof TypeError ? undefined : Status.TEMPORARY_ERROR));
    expect(statusName(registry.statusOf(new TypeError("x")))).toBe("INVALID_ARGUMENT");
  });

  test("registration applies to the causes the defaults look through", () => {
    class PoolExhausted extends Error {}
    const registry = new StatusRegistry();
    registry.registerErrorType(PoolExhausted, Status.THROTTLED);
    expect(statusName(registry.statusOf(new TypeError("fetch failed", { cause: new PoolExhausted() })))).toBe("THROTTLED");
  });

  test("registering again replaces", () => {
    const registry = new StatusRegistry();
    registry.registerErrorType(AppError, Status.TIMEOUT);
    registry.registerErrorType(AppError, Status.DNS_ERROR);
    expect(statusName(registry.statusOf(new AppError()))).toBe("DNS_ERROR");
  });

  test.each<[string, () => void, string]>([
    ["not a class", () => new StatusRegistry().registerErrorType(42 as never, Status.TIMEOUT), "cannot register error type: expected a class, got 42"],
    ["an arrow function", () => new StatusRegistry().registerErrorType((() => {}) as never, Status.TIMEOUT), "cannot register error type: expected a class, got function (anonymous)"],
    ["not a status", () => new StatusRegistry().registerErrorType(AppError, 99 as Status), "cannot register error type AppError: 99 is not a Status"],
    ["a string", () => new StatusRegistry().registerErrorType(AppError, "TIMEOUT" as never), 'cannot register error type AppError: "TIMEOUT" is not a Status'],
    ["OK for an error", () => new StatusRegistry().registerErrorType(AppError, Status.OK), "cannot register error type AppError: status OK is not an error status"],
    ["UNSPECIFIED for an output", () => new StatusRegistry().registerOutputType(AppError, Status.UNSPECIFIED), "cannot register output type AppError: status UNSPECIFIED is not a call outcome"],
  ])("refuses %s", (_, fn, message) => {
    expect(fn).toThrow(new TypeError(message));
  });
});

describe("a broken mapper", () => {
  test("that throws: PERMANENT_ERROR and one warning", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const registry = new StatusRegistry();
    registry.registerErrorType(AppError, () => {
      throw new Error("bug in mapper");
    });
    expect(statusName(registry.statusOf(new AppError()))).toBe("PERMANENT_ERROR");
    expect(statusName(registry.statusOf(new AppError()))).toBe("PERMANENT_ERROR");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      "cannot map error to status: the mapper registered for AppError threw Error: bug in mapper; using PERMANENT_ERROR",
      { code: "DISPATCH_STATUS_MAPPER" },
    );
  });

  test("that returns something else than a status", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const registry = new StatusRegistry();
    registry.registerErrorType(AppError, () => Status.OK);
    registry.registerOutputType(AppError, () => 503 as Status);
    expect(statusName(registry.statusOf(new AppError()))).toBe("PERMANENT_ERROR");
    expect(statusName(registry.statusOfOutput(new AppError()))).toBe("PERMANENT_ERROR");
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      "cannot map error to status: the mapper registered for AppError returned 1, which is not an error status; using PERMANENT_ERROR",
      "cannot map output to status: the mapper registered for AppError returned 503, which is not a call outcome; using PERMANENT_ERROR",
    ]);
  });
});

describe("registerOutputType", () => {
  test("outputs of a registered class get its status; the most specific wins", () => {
    class Reply {
      constructor(readonly code: number) {}
    }
    class SlowReply extends Reply {}
    const registry = new StatusRegistry();
    registry.registerOutputType(Reply, (r) => (r.code === 0 ? Status.OK : Status.INVALID_RESPONSE));
    registry.registerOutputType(SlowReply, Status.THROTTLED);
    expect(statusName(registry.statusOfOutput(new Reply(0)))).toBe("OK");
    expect(statusName(registry.statusOfOutput(new Reply(1)))).toBe("INVALID_RESPONSE");
    expect(statusName(registry.statusOfOutput(new SlowReply(0)))).toBe("THROTTLED");
  });

  test("a registered Response subclass beats the Response rule", () => {
    class Lenient extends Response {}
    const registry = new StatusRegistry();
    registry.registerOutputType(Lenient, Status.OK);
    expect(statusName(registry.statusOfOutput(new Lenient(null, { status: 500 })))).toBe("OK");
    expect(statusName(registry.statusOfOutput(new Response(null, { status: 500 })))).toBe("TEMPORARY_ERROR");
  });
});

test("the default registry behind the module functions", () => {
  class DefaultRegistryError extends Error {}
  class DefaultRegistryOutput {}
  expect(statusName(statusOf(new DefaultRegistryError()))).toBe("PERMANENT_ERROR");
  registerErrorType(DefaultRegistryError, Status.TEMPORARY_ERROR);
  registerOutputType(DefaultRegistryOutput, Status.THROTTLED);
  expect(statusName(statusOf(new DefaultRegistryError()))).toBe("TEMPORARY_ERROR");
  expect(statusName(statusOfOutput(new DefaultRegistryOutput()))).toBe("THROTTLED");
  expect(statusName(statusOf(new TemporaryError()))).toBe("TEMPORARY_ERROR");
});
