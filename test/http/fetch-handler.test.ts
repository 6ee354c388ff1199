import { fromBinary } from "@bufbuild/protobuf";
import { anyUnpack, StringValueSchema } from "@bufbuild/protobuf/wkt";
import { createRegistry } from "@bufbuild/protobuf";
import { describe, expect, it, vi } from "vitest";
import { RunResponseSchema } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { createFetchHandler, type Logger, runPath } from "../../runtime/http/index.js";
import { echoRunner } from "./support/echo-runner.js";
import { trusted } from "./support/keys.js";
import { encode, runRequest, signedHeaders } from "./support/requests.js";

const base = "http://127.0.0.1:8000";
const quiet = () => ({ warn: vi.fn<Logger["warn"]>(), error: vi.fn<Logger["error"]>() });

function post(body: Uint8Array, headers: Record<string, string>, path = runPath, method = "POST") {
  return new Request(base + path, { method, headers, body: method === "GET" ? undefined : body });
}

function signedPost(body: Uint8Array, path = runPath) {
  return post(body, { ...signedHeaders(base, body, path), "content-length": String(body.length) }, path);
}

async function error(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/json");
  return { status: response.status, ...((await response.json()) as { code: string; message: string }) };
}

describe("createFetchHandler with a verification key", () => {
  const logger = quiet();
  const handle = createFetchHandler({ runner: echoRunner, verificationKey: trusted.publicKey, maxBodyBytes: 1024, logger });

  it("runs a signed RunRequest and answers a binary RunResponse", async () => {
    const response = await handle(signedPost(encode(runRequest("echo", "hi"))));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/proto");
    const result = fromBinary(RunResponseSchema, new Uint8Array(await response.arrayBuffer()));
    expect(result.directive.case).toBe("exit");
    const output = result.directive.case === "exit" ? result.directive.value.result?.output : undefined;
    expect(anyUnpack(output!, createRegistry(StringValueSchema))).toMatchObject({ value: "hi" });
  });

  it("serves the procedure below a path prefix", async () => {
    const response = await handle(signedPost(encode(runRequest()), `/prefix${runPath}`));
    expect(response.status).toBe(200);
  });

  it.each([
    ["missing Content-Length", {}, new Uint8Array(3), 400, "invalid_argument", "cannot read request body: missing Content-Length"],
    ["negative Content-Length", { "content-length": "-1" }, new Uint8Array(3), 400, "invalid_argument", "cannot read request body: negative Content-Length -1"],
    ["invalid Content-Length", { "content-length": "1e3" }, new Uint8Array(3), 400, "invalid_argument", 'cannot read request body: invalid Content-Length "1e3"'],
    ["too large Content-Length", { "content-length": "1025" }, new Uint8Array(3), 400, "invalid_argument", "cannot read request body: Content-Length 1025 is larger than the limit of 1024 bytes"],
    ["missing signature", { "content-length": "3" }, new Uint8Array(3), 401, "unauthenticated", "cannot verify request signature: the request is not signed"],
  ])("rejects %s", async (_, headers, body, status, code, message) => {
    expect(await error(await handle(post(body, headers)))).toEqual({ status, code, message });
  });

  it("rejects a body longer or shorter than its Content-Length", async () => {
    const body = encode(runRequest());
    const longer = await handle(post(body, { ...signedHeaders(base, body), "content-length": String(body.length - 1) }));
    expect(await error(longer)).toEqual({ status: 400, code: "invalid_argument", message: `cannot read request body: more than the ${body.length - 1} bytes of Content-Length` });
    const shorter = await handle(post(body, { ...signedHeaders(base, body), "content-length": String(body.length + 1) }));
    expect(await error(shorter)).toEqual({ status: 400, code: "invalid_argument", message: `cannot read request body: got ${body.length} of the ${body.length + 1} bytes of Content-Length` });
  });

  it("rejects malformed protobuf, a missing or unknown function", async () => {
    expect(await error(await handle(signedPost(new Uint8Array([0x0a, 0x05, 0x61]))))).toEqual({ status: 400, code: "invalid_argument", message: "cannot decode RunRequest: premature EOF" });
    expect(await error(await handle(signedPost(new Uint8Array([0x0a, 0x01, 0xff]))))).toEqual({ status: 400, code: "invalid_argument", message: "cannot decode RunRequest: The encoded data was not valid for encoding utf-8" });
    expect(await error(await handle(signedPost(encode(runRequest("")))))).toEqual({ status: 400, code: "invalid_argument", message: "cannot run request: missing function name" });
    expect(await error(await handle(signedPost(encode(runRequest("nope")))))).toEqual({ status: 404, code: "not_found", message: "function 'nope' does not exist" });
    const long = "f".repeat(300);
    expect((await error(await handle(signedPost(encode(runRequest(long)))))).message).toBe(`function '${"f".repeat(100)}...' does not exist`);
  });

  it("answers 500 internal when the runner throws, and logs it", async () => {
    expect(await error(await handle(signedPost(encode(runRequest("crash")))))).toEqual({ status: 500, code: "internal", message: "cannot run function 'crash': engine exploded" });
    expect(logger.error).toHaveBeenCalledWith("dispatch endpoint: function 'crash' failed inside the engine", expect.objectContaining({ message: "engine exploded" }));
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    expect(await error(await handle(post(new Uint8Array(), {}, "/other?x=1")))).toEqual({ status: 404, code: "not_found", message: "cannot serve /other: no such procedure" });
    const get = await handle(post(new Uint8Array(), {}, runPath, "GET"));
    expect(get.headers.get("allow")).toBe("POST");
    expect(await error(get)).toEqual({ status: 405, code: "unimplemented", message: `cannot serve GET ${runPath}: only POST is allowed` });
  });

  it("warned about nothing", () => {
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe("createFetchHandler without a verification key", () => {
  it("accepts unsigned requests and warns once, at creation", async () => {
    const logger = quiet();
    const handle = createFetchHandler({ runner: echoRunner, verificationKey: null, logger });
    const body = encode(runRequest());
    for (let i = 0; i < 3; i++) {
      expect((await handle(post(body, { "content-length": String(body.length) }))).status).toBe(200);
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      "dispatch endpoint: no verification key (DISPATCH_VERIFICATION_KEY is unset); requests are accepted without checking their signature",
    );
  });

  it("reads DISPATCH_VERIFICATION_KEY when no key option is given", async () => {
    vi.stubEnv("DISPATCH_VERIFICATION_KEY", trusted.publicRaw.replace(/^/, " "));
    try {
      const handle = createFetchHandler({ runner: echoRunner, logger: quiet() });
      const body = encode(runRequest());
      expect((await handle(post(body, { "content-length": String(body.length) }))).status).toBe(401);
      expect((await handle(signedPost(body))).status).toBe(200);
      vi.stubEnv("DISPATCH_VERIFICATION_KEY", "bad");
      expect(() => createFetchHandler({ runner: echoRunner, logger: quiet() })).toThrow(
        "cannot read DISPATCH_VERIFICATION_KEY: cannot load verification key: expected 32 raw key bytes, got 2",
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
