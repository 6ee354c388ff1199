// statusOf's defaults, against real platform failures first, then one case per
// rule and per code family with hand-made errors shaped as Node makes them.

import dns from "node:dns/promises";
import fs from "node:fs";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import { Status, StatusRegistry, statusName } from "../../runtime/status/index.js";
import { closedPort, rejection, tlsConnect, withSilentHttpServer, withTcpServer, withTlsServer } from "./real-errors.js";
import { TLS_CERT } from "./tls-fixture.js";

const statusOf = (error: unknown) => statusName(new StatusRegistry().statusOf(error));

function systemError(code: string, syscall = "connect"): Error {
  return Object.assign(new Error(`${syscall} ${code}`), { code, errno: -1, syscall });
}

describe("real failures", () => {
  test("a refused TCP connection: TCP_ERROR", async () => {
    const port = await closedPort();
    const error = await rejection(new Promise((_, reject) => net.connect(port, "127.0.0.1").on("error", reject)));
    expect((error as { code: string }).code).toBe("ECONNREFUSED");
    expect(statusOf(error)).toBe("TCP_ERROR");
  });

  test("fetch to a refused port: 'fetch failed' mapped by its cause, TCP_ERROR", async () => {
    const error = await rejection(fetch(`http://127.0.0.1:${await closedPort()}/`));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
    expect(statusOf(error)).toBe("TCP_ERROR");
  });

  test("fetch from a server that closes the connection on the request: TCP_ERROR", async () => {
    const error = await withTcpServer(
      (socket) => socket.once("data", () => socket.destroy()),
      (port) => rejection(fetch(`http://127.0.0.1:${port}/`)),
    );
    expect(((error as Error).cause as { code: string }).code).toBe("UND_ERR_SOCKET");
    expect(statusOf(error)).toBe("TCP_ERROR");
  });

  test("fetch from a server that resets the connection: TCP_ERROR", async () => {
    const error = await withTcpServer(
      (socket) => socket.once("data", () => socket.resetAndDestroy()),
      (port) => rejection(fetch(`http://127.0.0.1:${port}/`)),
    );
    expect(((error as Error).cause as { code: string }).code).toBe("ECONNRESET");
    expect(statusOf(error)).toBe("TCP_ERROR");
  });

  test("fetch from a server that answers garbage: HTTP_ERROR", async () => {
    const error = await withTcpServer(
      (socket) => socket.once("data", () => socket.end("NOT HTTP AT ALL\r\n\r\n")),
      (port) => rejection(fetch(`http://127.0.0.1:${port}/`)),
    );
    expect(statusOf(error)).toBe("HTTP_ERROR");
  });

  test("a host that does not resolve: DNS_ERROR", { timeout: 30_000 }, async () => {
    const error = await rejection(dns.lookup("does-not-exist.invalid"));
    expect(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME"]).toContain((error as { code: string }).code);
    expect(statusOf(error)).toBe("DNS_ERROR");
  });

  test("fetch with AbortSignal.timeout(): TIMEOUT", async () => {
    const error = await withSilentHttpServer((port) => rejection(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(20) })));
    expect((error as Error).name).toBe("TimeoutError");
    expect(statusOf(error)).toBe("TIMEOUT");
  });

  test("a deliberate abort: PERMANENT_ERROR, not retried", async () => {
    const controller = new AbortController();
    const pending = withSilentHttpServer((port) => rejection(fetch(`http://127.0.0.1:${port}/`, { signal: controller.signal })));
    setTimeout(() => controller.abort(), 10);
    const error = await pending;
    expect((error as Error).name).toBe("AbortError");
    expect(statusOf(error)).toBe("PERMANENT_ERROR");
  });

  test("an AbortError caused by AbortSignal.timeout(): TIMEOUT", async () => {
    const error = await rejection(sleep(10_000, undefined, { signal: AbortSignal.timeout(5) }));
    expect((error as Error).name).toBe("AbortError");
    expect(((error as Error).cause as Error).name).toBe("TimeoutError");
    expect(statusOf(error)).toBe("TIMEOUT");
  });

  test("a self-signed certificate: TLS_ERROR, also through fetch", async () => {
    await withTlsServer(async (port) => {
      const direct = await tlsConnect({ host: "127.0.0.1", port, servername: "localhost" });
      expect((direct as { code: string }).code).toMatch(/^(DEPTH_ZERO_SELF_SIGNED_CERT|CERT_NOT_YET_VALID)$/);
      expect(statusOf(direct)).toBe("TLS_ERROR");
      expect(statusOf(await rejection(fetch(`https://127.0.0.1:${port}/`)))).toBe("TLS_ERROR");
    });
  });

  test("a certificate for another name: TLS_ERROR", async () => {
    await withTlsServer(async (port) => {
      const error = await tlsConnect({ host: "127.0.0.1", port, ca: TLS_CERT });
      expect((error as { code: string }).code).toMatch(/^(ERR_TLS_CERT_ALTNAME_INVALID|CERT_NOT_YET_VALID)$/);
      expect(statusOf(error)).toBe("TLS_ERROR");
    });
  });

  test("TLS to a peer that does not speak TLS: TLS_ERROR", async () => {
    const error = await withTcpServer(
      (socket) => socket.once("data", () => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n")),
      (port) => tlsConnect({ host: "127.0.0.1", port, servername: "localhost" }),
    );
    expect(statusOf(error)).toBe("TLS_ERROR");
  });

  test("a missing file: NOT_FOUND; a programming bug: not retried", () => {
    expect(statusOf(rejectionSync(() => fs.readFileSync("/does/not/exist")))).toBe("NOT_FOUND");
    expect(statusOf(rejectionSync(() => (null as unknown as { x: number }).x))).toBe("INVALID_ARGUMENT");
    expect(statusOf(rejectionSync(() => JSON.parse("{")))).toBe("INVALID_ARGUMENT");
    expect(statusOf(rejectionSync(() => new Array(-1)))).toBe("INVALID_ARGUMENT");
    expect(statusOf(rejectionSync(() => fs.readFileSync(42 as unknown as string, { encoding: 7 as never })))).toBe("INVALID_ARGUMENT");
    // An undefined variable, through indirect eval so that TypeScript lets it be.
    expect(statusOf(rejectionSync(() => (0, eval)("notDefinedAnywhere")))).toBe("PERMANENT_ERROR");
  });
});

function rejectionSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("one case per rule", () => {
  test.each<[string, unknown, string]>([
    ["a thrown string", "oops", "PERMANENT_ERROR"],
    ["a thrown undefined", undefined, "PERMANENT_ERROR"],
    ["an unknown Error", new Error("unknown"), "PERMANENT_ERROR"],
    ["a user class", new (class BadThing extends Error {})(), "PERMANENT_ERROR"],
    ["a wrapper is not looked through", new Error("wrapped", { cause: systemError("ECONNRESET") }), "PERMANENT_ERROR"],
    ["a DOMException AbortError", new DOMException("aborted", "AbortError"), "PERMANENT_ERROR"],
    ["an AbortError with a non-timeout cause", Object.assign(new DOMException("x", "AbortError"), { cause: new Error("user") }), "PERMANENT_ERROR"],
    ["a DOMException TimeoutError", new DOMException("slow", "TimeoutError"), "TIMEOUT"],
    ["a library's TimeoutError", Object.assign(new Error("p-timeout"), { name: "TimeoutError" }), "TIMEOUT"],
    ["fetch failed without a cause", new TypeError("fetch failed"), "TEMPORARY_ERROR"],
    ["fetch failed caused by a bad scheme", new TypeError("fetch failed", { cause: new Error("unknown scheme") }), "PERMANENT_ERROR"],
    ["fetch failed caused by a connect timeout", new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "UND_ERR_CONNECT_TIMEOUT" }) }), "TIMEOUT"],
    ["another TypeError", new TypeError("x is not a function"), "INVALID_ARGUMENT"],
    ["a RangeError", new RangeError("bad length"), "INVALID_ARGUMENT"],
    ["a SyntaxError", new SyntaxError("bad JSON"), "INVALID_ARGUMENT"],
    ["a URIError", new URIError("URI malformed"), "INVALID_ARGUMENT"],
    ["a ReferenceError", new ReferenceError("x is not defined"), "PERMANENT_ERROR"],
    ["an EvalError", new EvalError("x"), "PERMANENT_ERROR"],
    ["a TypeError with a network code is still a bug", Object.assign(new TypeError("bad option"), { code: "ERR_TLS_INVALID_PROTOCOL_METHOD" }), "INVALID_ARGUMENT"],
    ["an error with status 429", Object.assign(new Error("rate limited"), { status: 429 }), "THROTTLED"],
    ["an error with statusCode 503", Object.assign(new Error("unavailable"), { statusCode: 503 }), "TEMPORARY_ERROR"],
    ["an error whose response has status 404", Object.assign(new Error("axios"), { response: { status: 404 } }), "NOT_FOUND"],
    ["an error whose response has statusCode 408", Object.assign(new Error("got"), { response: { statusCode: 408 } }), "TIMEOUT"],
    ["a status below 400 is not an HTTP failure", Object.assign(new Error("x"), { status: 200 }), "PERMANENT_ERROR"],
    ["an HTTP status beats a code", Object.assign(new Error("x"), { code: "UND_ERR_RESPONSE_STATUS_CODE", statusCode: 502 }), "TEMPORARY_ERROR"],
    ["an unlisted system error", systemError("EISDIR", "read"), "TEMPORARY_ERROR"],
    ["an unlisted code without errno", Object.assign(new Error("x"), { code: "ERR_SOMETHING" }), "PERMANENT_ERROR"],
    ["a getter that throws", Object.defineProperty(new Error("x"), "code", { get() { throw new Error("boom"); } }), "PERMANENT_ERROR"],
  ])("%s", (_, error, expected) => {
    expect(statusOf(error)).toBe(expected);
  });

  test("a cycle of causes ends", () => {
    const a = new TypeError("fetch failed");
    const b = new TypeError("fetch failed", { cause: a });
    Object.defineProperty(a, "cause", { value: b });
    expect(statusOf(a)).toBe("PERMANENT_ERROR");
  });
});

describe("Node.js and undici codes", () => {
  test.each<[string, string]>([
    ["ETIMEDOUT", "TIMEOUT"],
    ["ESOCKETTIMEDOUT", "TIMEOUT"],
    ["UND_ERR_CONNECT_TIMEOUT", "TIMEOUT"],
    ["UND_ERR_HEADERS_TIMEOUT", "TIMEOUT"],
    ["UND_ERR_BODY_TIMEOUT", "TIMEOUT"],
    ["ECONNRESET", "TCP_ERROR"],
    ["ECONNREFUSED", "TCP_ERROR"],
    ["EPIPE", "TCP_ERROR"],
    ["EHOSTUNREACH", "TCP_ERROR"],
    ["ENETUNREACH", "TCP_ERROR"],
    ["UND_ERR_SOCKET", "TCP_ERROR"],
    ["ERR_STREAM_PREMATURE_CLOSE", "TCP_ERROR"],
    ["ENOTFOUND", "DNS_ERROR"],
    ["EAI_AGAIN", "DNS_ERROR"],
    ["ESERVFAIL", "DNS_ERROR"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "TLS_ERROR"],
    ["ERR_TLS_HANDSHAKE_TIMEOUT", "TLS_ERROR"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "TLS_ERROR"],
    ["CERT_HAS_EXPIRED", "TLS_ERROR"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "TLS_ERROR"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "TLS_ERROR"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "TLS_ERROR"],
    ["EPROTO", "TLS_ERROR"],
    ["HPE_INVALID_CONSTANT", "HTTP_ERROR"],
    ["ERR_HTTP2_STREAM_ERROR", "HTTP_ERROR"],
    ["UND_ERR_RES_CONTENT_LENGTH_MISMATCH", "HTTP_ERROR"],
    ["EMFILE", "TEMPORARY_ERROR"],
    ["EAGAIN", "TEMPORARY_ERROR"],
    ["ENOENT", "NOT_FOUND"],
    ["EACCES", "PERMISSION_DENIED"],
    ["EPERM", "PERMISSION_DENIED"],
  ])("%s: %s", (code, expected) => {
    expect(statusOf(Object.assign(new Error(code), { code }))).toBe(expected);
  });

  test("an AggregateError from a multi-address connect carries the code", () => {
    const error = Object.assign(new AggregateError([systemError("ECONNREFUSED"), systemError("ECONNREFUSED")]), { code: "ECONNREFUSED" });
    expect(statusOf(error)).toBe("TCP_ERROR");
  });

  test("the status is always an error status", () => {
    expect(new StatusRegistry().statusOf(new Error("x"))).toBe(Status.PERMANENT_ERROR);
  });
});
