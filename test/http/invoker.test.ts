import http from "node:http";
import type { AddressInfo } from "node:net";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Status } from "../../runtime/gen/dispatch/sdk/v1/status_pb.js";
import { type Listening, serve } from "../../runtime/http/adapters/node/index.js";
import { createHttpInvoker, type HttpError, statusOfHttpError } from "../../runtime/http/index.js";
import { echoRunner } from "./support/echo-runner.js";
import { trusted } from "./support/keys.js";
import { runRequest } from "./support/requests.js";

let endpoint: Listening;
let garbage: http.Server;
let garbageUrl: string;

beforeAll(async () => {
  endpoint = await serve({ runner: echoRunner, verificationKey: trusted.publicKey, addr: "127.0.0.1:0", logger: { warn() {}, error() {} } });
  // Answers 200 with bytes that are not a RunResponse.
  garbage = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/proto" }).end(Buffer.from([0xff, 0xff])));
  await new Promise<void>((resolve) => garbage.listen(0, "127.0.0.1", resolve));
  garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await endpoint.close();
  garbage.closeAllConnections();
  await new Promise((resolve) => garbage.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<HttpError & { status?: number }> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: HttpError) => error,
  );
}

describe("createHttpInvoker", () => {
  const invoke = createHttpInvoker({ signingKey: trusted.privateKey });

  it("signs and runs a request on an endpoint, with or without a trailing slash", async () => {
    expect((await invoke(endpoint.url, runRequest("echo"))).status).toBe(Status.OK);
    expect((await invoke(`${endpoint.url}/`, runRequest("echo"))).directive.case).toBe("exit");
  });

  it("reports the endpoint's errors with their HTTP status and Connect code", async () => {
    const unsigned = await failure(createHttpInvoker()(endpoint.url, runRequest("echo")));
    expect(unsigned).toMatchObject({ kind: "connect", status: 401, code: "unauthenticated" });
    expect(unsigned.message).toBe(`cannot run function 'echo' at ${endpoint.url}: unauthenticated: cannot verify request signature: the request is not signed`);
    expect(statusOfHttpError(unsigned)).toBe(Status.UNAUTHENTICATED);
    const unknown = await failure(invoke(endpoint.url, runRequest("nope")));
    expect(unknown).toMatchObject({ kind: "connect", status: 404, code: "not_found" });
    expect(statusOfHttpError(unknown)).toBe(Status.NOT_FOUND);
    const crash = await failure(invoke(endpoint.url, runRequest("crash")));
    expect(statusOfHttpError(crash)).toBe(Status.HTTP_ERROR);
    const wrongKey = await failure(createHttpInvoker({ signingKey: Buffer.alloc(32, 9) })(endpoint.url, runRequest("echo")));
    expect(statusOfHttpError(wrongKey)).toBe(Status.PERMISSION_DENIED);
    // The scheduler reads the status from this property of whatever an invoker throws.
    for (const error of [unsigned, unknown, crash, wrongKey]) expect(error.dispatchStatus).toBe(statusOfHttpError(error));
  });

  it("keeps Node error codes of transport failures (TCP, DNS, TLS)", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(invoke(`http://127.0.0.1:${port}`, runRequest()));
    expect(refused).toMatchObject({ kind: "transport", code: "ECONNREFUSED", dispatchStatus: Status.TCP_ERROR });
    expect(statusOfHttpError(refused)).toBe(Status.TCP_ERROR);
    const dns = await failure(invoke("http://does-not-exist.invalid", runRequest()));
    expect(dns.kind).toBe("transport");
    expect(["ENOTFOUND", "EAI_AGAIN"]).toContain(dns.code);
    expect(statusOfHttpError(dns)).toBe(Status.DNS_ERROR);
    const tls = await failure(invoke(endpoint.url.replace("http:", "https:"), runRequest()));
    expect(tls.kind).toBe("transport");
    expect(statusOfHttpError(tls)).toBe(Status.TLS_ERROR);
    const badUrl = await failure(invoke("not a url", runRequest()));
    expect(badUrl).toMatchObject({ kind: "transport", code: "ERR_INVALID_URL", message: "cannot run function 'echo' at not a url: not a URL" });
  });

  it("times out, also at the request's expiration time", async () => {
    const slow = await failure(createHttpInvoker({ signingKey: trusted.privateKey, timeoutMs: 5 })(endpoint.url, runRequest("sleep")));
    expect(slow).toMatchObject({ kind: "timeout", code: "deadline_exceeded", dispatchStatus: Status.TIMEOUT });
    expect(statusOfHttpError(slow)).toBe(Status.TIMEOUT);
    const expired = runRequest("sleep");
    expired.expirationTime = timestampFromMs(Date.now() - 1000);
    expect(await failure(invoke(endpoint.url, expired))).toMatchObject({ kind: "timeout" });
  });

  it("reports an answer that is not a RunResponse as invalid", async () => {
    const error = await failure(invoke(garbageUrl, runRequest()));
    expect(error).toMatchObject({ kind: "response", code: "internal", message: `cannot run function 'echo' at ${garbageUrl}: cannot decode RunResponse: premature EOF` });
    expect(statusOfHttpError(error)).toBe(Status.INVALID_RESPONSE);
    const small = await failure(createHttpInvoker({ maxResponseBytes: 1 })(garbageUrl, runRequest()));
    expect(small).toMatchObject({ kind: "response", code: "resource_exhausted" });
  });
});
