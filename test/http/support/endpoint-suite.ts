// One suite of live checks that every adapter passes: a real server on
// 127.0.0.1 (port 0) with an app route of its own, signed and unsigned
// requests, and every error the endpoint answers.

import { fromBinary } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RunResponseSchema } from "../../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import type { Listening, ServeOptions } from "../../../runtime/http/adapters/node/index.js";
import { runPath } from "../../../runtime/http/index.js";
import { echoRunner } from "./echo-runner.js";
import { stranger, trusted } from "./keys.js";
import { encode, json, runRequest, send, sendSigned, signedHeaders } from "./requests.js";

/** Starts the adapter on options.addr with an app that answers GET /health with "ok". */
export type Start = (options: ServeOptions) => Promise<Listening>;

export function endpointSuite(adapter: string, start: Start): void {
  describe(`${adapter} adapter on a live server`, () => {
    let server: Listening;
    let url: string;
    const logger = { warn: vi.fn(), error: vi.fn() };
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      server = await start({ runner: echoRunner, verificationKey: trusted.publicKey, maxBodyBytes: 1024, logger, addr: "127.0.0.1:0" });
      url = server.url;
    });
    afterAll(() => server.close());

    // A message may be a pattern where it names a clock reading that can tick between signing and checking.
    const expectError = async (pending: ReturnType<typeof send>, status: number, code: string, message: string | RegExp) => {
      const received = await pending;
      expect(received.headers["content-type"]).toBe("application/json");
      const expected = typeof message === "string" ? message : expect.stringMatching(message);
      expect({ status: received.status, ...json(received) }).toEqual({ status, code, message: expected });
    };

    it("binds 127.0.0.1", () => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it("runs a signed request", async () => {
      const received = await sendSigned(url, encode(runRequest("echo")));
      expect(received.status).toBe(200);
      expect(received.headers["content-type"]).toBe("application/proto");
      expect(fromBinary(RunResponseSchema, received.body).directive.case).toBe("exit");
    });

    it("leaves the app's other routes alone", async () => {
      const health = await send(url, { method: "GET", path: "/health" });
      expect({ status: health.status, body: health.body.toString() }).toEqual({ status: 200, body: "ok" });
      expect((await send(url, { method: "GET", path: "/elsewhere" })).status).toBe(404);
    });

    it("answers 405 to other methods on the procedure", async () => {
      await expectError(send(url, { method: "GET" }), 405, "unimplemented", `cannot serve GET ${runPath}: only POST is allowed`);
    });

    it("rejects missing and too large bodies", async () => {
      const body = encode(runRequest());
      await expectError(send(url, { body, chunked: true, headers: signedHeaders(url, body) }), 400, "invalid_argument", "cannot read request body: missing Content-Length");
      const big = new Uint8Array(2000);
      await expectError(send(url, { body: big, headers: signedHeaders(url, big) }), 400, "invalid_argument", "cannot read request body: Content-Length 2000 is larger than the limit of 1024 bytes");
      // Node's own parser refuses a negative length before the endpoint sees it; the server lives on.
      expect((await send(url, { body, headers: { "content-length": "-1" } }).catch(() => ({ status: 400 }))).status).toBe(400);
      expect((await sendSigned(url, body)).status).toBe(200);
    });

    it("rejects malformed protobuf and a missing or unknown function", async () => {
      await expectError(sendSigned(url, new Uint8Array([0x0a, 0x05, 0x61])), 400, "invalid_argument", "cannot decode RunRequest: premature EOF");
      await expectError(sendSigned(url, encode(runRequest(""))), 400, "invalid_argument", "cannot run request: missing function name");
      await expectError(sendSigned(url, encode(runRequest("nope"))), 404, "not_found", "function 'nope' does not exist");
    });

    it("answers 500 internal when the runner throws", async () => {
      await expectError(sendSigned(url, encode(runRequest("crash"))), 500, "internal", "cannot run function 'crash': engine exploded");
    });

    it("rejects a missing signature with 401", async () => {
      const body = encode(runRequest());
      await expectError(send(url, { body, headers: { "content-type": "application/proto" } }), 401, "unauthenticated", "cannot verify request signature: the request is not signed");
    });

    it("rejects bad signatures with 403", async () => {
      const body = encode(runRequest());
      const denied = (pending: ReturnType<typeof send>, message: string | RegExp) => expectError(pending, 403, "permission_denied", message);
      const mismatch = "cannot verify request signature: the signature does not match the request";
      await denied(send(url, { body, headers: signedHeaders(url, body, runPath, {}, stranger.privateKey) }), mismatch);
      await denied(sendSigned(url, body, { created: now() - 301 }), /^cannot verify request signature: the signature was created 30[12] s ago, more than the 300 s allowed$/);
      await denied(sendSigned(url, body, { keyId: "other" }), 'cannot verify request signature: unknown keyid "other", expected "default"');
      await denied(sendSigned(url, body, { components: ["@method", "@path", "content-type", "content-digest"] }), 'cannot verify request signature: the signature does not cover "@authority"');
      // Tampered path: signed for one path, sent to another that also serves the procedure.
      await denied(send(url, { body, headers: signedHeaders(url, body, `/elsewhere${runPath}`) }), mismatch);
      // Tampered body: same length, other bytes; the headers still verify, the digest does not.
      const other = encode(runRequest("echo", "hellp"));
      await denied(send(url, { body: other, headers: signedHeaders(url, body) }), "cannot verify Content-Digest: the sha-512 digest does not match the body");
    });

    it("logged no warning, since a key is configured", () => {
      expect(logger.warn).not.toHaveBeenCalled();
    });
  });
}
