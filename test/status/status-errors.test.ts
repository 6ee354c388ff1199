import { describe, expect, test } from "vitest";
import {
  STATUS_ERROR_CLASSES,
  Status,
  StatusError,
  StatusRegistry,
  ThrottledError,
  TimeoutError,
  isRetryable,
  isStatus,
  statusErrorClass,
  statusName,
} from "../../runtime/status/index.js";

describe("one error class per status", () => {
  test("covers every status but UNSPECIFIED and OK, once each", () => {
    expect(STATUS_ERROR_CLASSES.map(([, , status]) => status)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  test.each(STATUS_ERROR_CLASSES.map(([cls, name, status]) => [name, cls, status] as const))(
    "%s carries its status and name",
    (name, cls, status) => {
      const cause = new Error("root");
      const error = new cls("it failed", { cause });
      expect(error).toBeInstanceOf(StatusError);
      expect(error).toBeInstanceOf(Error);
      expect(error.status).toBe(status);
      expect(error.name).toBe(name);
      expect(error.message).toBe("it failed");
      expect(error.cause).toBe(cause);
      expect(error.stack?.startsWith(`${name}: it failed\n`)).toBe(true);
      expect(Object.keys(error)).toEqual([]); // nothing extra to serialize
      expect(new StatusRegistry().statusOf(error)).toBe(status);
      expect(statusErrorClass(status)).toBe(cls);
    },
  );

  test("without a message, as Error", () => {
    expect(new ThrottledError().message).toBe("");
    expect(String(new ThrottledError())).toBe("ThrottledError");
  });

  test("a subclass inherits the status", () => {
    class RateLimited extends ThrottledError {}
    expect(new RateLimited().status).toBe(Status.THROTTLED);
    expect(new StatusRegistry().statusOf(new RateLimited())).toBe(Status.THROTTLED);
  });

  test("status cannot be overwritten by mistake (an HTTP status, say)", () => {
    const error = new TimeoutError();
    expect(() => {
      (error as { status: number }).status = 504;
    }).toThrow(TypeError);
  });

  test("no class for OK and UNSPECIFIED", () => {
    expect(statusErrorClass(Status.OK)).toBeUndefined();
    expect(statusErrorClass(Status.UNSPECIFIED)).toBeUndefined();
  });
});

describe("statuses", () => {
  test("the scheduler retries exactly the statuses of PROTOCOL.md", () => {
    const retried = Array.from({ length: 16 }, (_, s) => s).filter((s) => isRetryable(s));
    expect(retried.map((s) => statusName(s))).toEqual([
      "TIMEOUT",
      "THROTTLED",
      "TEMPORARY_ERROR",
      "INCOMPATIBLE_STATE",
      "DNS_ERROR",
      "TCP_ERROR",
      "TLS_ERROR",
      "HTTP_ERROR",
    ]);
  });

  test("isStatus and statusName", () => {
    expect(isStatus(0)).toBe(true);
    expect(isStatus(15)).toBe(true);
    expect(isStatus(16)).toBe(false);
    expect(isStatus(1.5)).toBe(false);
    expect(isStatus("1")).toBe(false);
    expect(statusName(Status.PERMISSION_DENIED)).toBe("PERMISSION_DENIED");
    expect(statusName(99 as Status)).toBe("99");
  });
});
