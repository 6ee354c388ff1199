import { describe, expect, it } from "vitest";
import { Status } from "../../runtime/gen/dispatch/sdk/v1/status_pb.js";
import { classifyTransportError } from "../../runtime/scheduler/transport-errors.js";

const coded = (code: string) => Object.assign(new Error(code), { code });

describe("transport errors", () => {
  it("maps Node error codes to DNS, TCP and TLS statuses", () => {
    expect(classifyTransportError(coded("ENOTFOUND"))).toBe(Status.DNS_ERROR);
    expect(classifyTransportError(coded("EAI_AGAIN"))).toBe(Status.DNS_ERROR);
    expect(classifyTransportError(coded("ECONNREFUSED"))).toBe(Status.TCP_ERROR);
    expect(classifyTransportError(coded("ECONNRESET"))).toBe(Status.TCP_ERROR);
    expect(classifyTransportError(coded("UND_ERR_SOCKET"))).toBe(Status.TCP_ERROR);
    expect(classifyTransportError(coded("CERT_HAS_EXPIRED"))).toBe(Status.TLS_ERROR);
    expect(classifyTransportError(coded("DEPTH_ZERO_SELF_SIGNED_CERT"))).toBe(Status.TLS_ERROR);
    expect(classifyTransportError(coded("ERR_TLS_CERT_ALTNAME_INVALID"))).toBe(Status.TLS_ERROR);
  });

  it("looks through `cause`, as fetch wraps socket errors", () => {
    expect(classifyTransportError(new TypeError("fetch failed", { cause: coded("ECONNREFUSED") }))).toBe(Status.TCP_ERROR);
  });

  it("honours an explicit dispatchStatus and defaults to HTTP_ERROR", () => {
    expect(classifyTransportError(Object.assign(new Error("404"), { dispatchStatus: Status.NOT_FOUND }))).toBe(Status.NOT_FOUND);
    expect(classifyTransportError(new Error("boom"))).toBe(Status.HTTP_ERROR);
    expect(classifyTransportError("not an error")).toBe(Status.HTTP_ERROR);
  });
});
