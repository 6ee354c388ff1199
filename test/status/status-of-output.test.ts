import { describe, expect, test } from "vitest";
import { StatusRegistry, isResponseLike, statusName, statusOfHttp } from "../../runtime/status/index.js";

const statusOfOutput = (value: unknown) => statusName(new StatusRegistry().statusOfOutput(value));

describe("a fetch Response returned as output", () => {
  test.each<[number, string]>([
    [200, "OK"],
    [201, "OK"],
    [204, "OK"],
    [408, "TIMEOUT"],
    [429, "THROTTLED"],
    [500, "TEMPORARY_ERROR"],
    [502, "TEMPORARY_ERROR"],
    [503, "TEMPORARY_ERROR"],
    [400, "INVALID_ARGUMENT"],
    [401, "UNAUTHENTICATED"],
    [403, "PERMISSION_DENIED"],
    [404, "NOT_FOUND"],
    [409, "PERMANENT_ERROR"],
    [422, "PERMANENT_ERROR"],
    [501, "PERMANENT_ERROR"],
    [304, "PERMANENT_ERROR"],
  ])("status %d: %s", (status, expected) => {
    expect(statusOfOutput(new Response(null, { status }))).toBe(expected);
  });

  test("a network-error Response (status 0) is not retried blindly", () => {
    expect(statusOfOutput(Response.error())).toBe("PERMANENT_ERROR");
  });

  test("recognised by shape: another library's Response class", () => {
    class FetchResponse {
      readonly headers = new Map();
      constructor(readonly status: number) {}
      get ok() {
        return this.status >= 200 && this.status < 300;
      }
    }
    expect(isResponseLike(new FetchResponse(429))).toBe(true);
    expect(statusOfOutput(new FetchResponse(429))).toBe("THROTTLED");
  });

  test("a plain object that looks like one is data, and OK", () => {
    const data = { ok: false, status: 500, headers: {} };
    expect(isResponseLike(data)).toBe(false);
    expect(statusOfOutput(data)).toBe("OK");
    expect(statusOfOutput(Object.assign(Object.create(null), data))).toBe("OK");
  });
});

describe("other outputs", () => {
  test.each([undefined, null, 0, "", "text", 1n, [], {}, new Map(), new Date(), Symbol("s"), () => 1])("%s is OK", (value) => {
    expect(statusOfOutput(value)).toBe("OK");
  });

  test("a value whose prototype cannot be read is not a crash", () => {
    const hostile = new Proxy({}, { getPrototypeOf() { throw new Error("trap"); } });
    const registry = new StatusRegistry();
    registry.registerOutputType(Object, 1);
    expect(statusName(registry.statusOfOutput(hostile))).toBe("PERMANENT_ERROR");
  });
});

test("statusOfHttp, the mapping the Response rule uses", () => {
  expect([100, 200, 299, 300, 399, 400, 499, 500, 599, 600, -1].map((c) => statusName(statusOfHttp(c)))).toEqual([
    "PERMANENT_ERROR",
    "OK",
    "OK",
    "PERMANENT_ERROR",
    "PERMANENT_ERROR",
    "INVALID_ARGUMENT",
    "PERMANENT_ERROR",
    "TEMPORARY_ERROR",
    "TEMPORARY_ERROR",
    "PERMANENT_ERROR",
    "PERMANENT_ERROR",
  ]);
});
