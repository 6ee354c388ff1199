import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  contentDigest,
  loadVerificationKey,
  type SignedMessage,
  signatureBase,
  signRequest,
  verifyContentDigest,
  verifyRequest,
} from "../../runtime/http/index.js";
import { parseDictionary, type InnerList } from "../../runtime/http/signature/structured-fields.js";
import { rfcPrivatePem, rfcPublicPem, stranger, trusted } from "./support/keys.js";

// RFC 9421 Appendix B.2: the test-request message.
const rfcHeaders: Record<string, string> = {
  host: "example.com",
  date: "Tue, 20 Apr 2021 02:07:55 GMT",
  "content-type": "application/json",
  "content-digest": "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
  "content-length": "18",
  "signature-input":
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
  signature: "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:",
};
const rfcMessage: SignedMessage = {
  method: "POST",
  scheme: "https",
  authority: "example.com",
  target: "/foo?param=Value&Pet=dog",
  header: (name) => rfcHeaders[name],
};
const rfcBase = [
  '"date": Tue, 20 Apr 2021 02:07:55 GMT',
  '"@method": POST',
  '"@path": /foo',
  '"@authority": example.com',
  '"content-type": application/json',
  '"content-length": 18',
  '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
].join("\n");

describe("RFC 9421 test vector B.2.6 (ed25519)", () => {
  const covered = parseDictionary(rfcHeaders["signature-input"]!, "Signature-Input").get("sig-b26") as InnerList;

  it("reproduces the signature base", () => {
    expect(signatureBase(rfcMessage, covered)).toBe(rfcBase);
  });

  it("verifies the published signature over that base", () => {
    const signature = Buffer.from("wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==", "base64");
    expect(verify(null, Buffer.from(rfcBase), createPublicKey(rfcPublicPem), signature)).toBe(true);
  });

  it("passes verifyRequest with the vector's label, keyid, time and coverage", async () => {
    await verifyRequest(rfcMessage, loadVerificationKey(rfcPublicPem), {
      label: "sig-b26",
      keyId: "test-key-ed25519",
      now: () => 1618884473_000,
      requiredComponents: ["@method", "@path", "@authority", "content-type"],
    });
  });

  it("is reproduced byte for byte by signRequest (Ed25519 is deterministic)", () => {
    const headers = signRequest(
      { method: "POST", url: "https://example.com/foo?param=Value&Pet=dog", headers: rfcHeaders, body: new TextEncoder().encode('{"hello": "world"}') },
      rfcPrivatePem,
      { label: "sig-b26", keyId: "test-key-ed25519", created: 1618884473, includeAlg: false, components: ["date", "@method", "@path", "@authority", "content-type", "content-length"] },
    );
    expect(headers).toEqual({ "signature-input": rfcHeaders["signature-input"], signature: rfcHeaders["signature"] });
  });

  it("has the Content-Digest of its body", () => {
    expect(contentDigest(new TextEncoder().encode('{"hello": "world"}'))).toBe(rfcHeaders["content-digest"]);
  });
});

// Our own vector: the trusted test key, a fixed time and body.
const body = new Uint8Array([0x0a, 0x04, 0x65, 0x63, 0x68, 0x6f]); // RunRequest { function: "echo" }
const url = "http://127.0.0.1:8000/dispatch.sdk.v1.FunctionService/Run";
const created = 1_700_000_000;
const ourHeaders = {
  "content-digest": "sha-512=:fsRugqyIJFIDOLlHzmGD4q/TOQRgFHZqjtyhzrPiiV/3A9up6f+9+g+yzUBR5ya0XHaST+wF2s8A2L5E2/NjOA==:",
  "signature-input":
    'dispatch=("@method" "@path" "@authority" "content-type" "content-digest");created=1700000000;keyid="default";alg="ed25519"',
  // Computed independently with node:crypto over the base below.
  signature: "dispatch=:U7VhJWcD0Sgy2cj6zDHG6j5TZvHRhvMRrocHmfRwyf8uTKb1bvfS1O5cnq3gijq/R68Fo8Bps6ri3V/PjTzvBw==:",
};

function messageOf(headers: Record<string, string>, overrides: Partial<SignedMessage> = {}): SignedMessage {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: "POST",
    scheme: "http",
    authority: "127.0.0.1:8000",
    target: "/dispatch.sdk.v1.FunctionService/Run",
    header: (name) => lower[name],
    ...overrides,
  };
}

function signed(options: Parameters<typeof signRequest>[2] = {}, key = trusted.privateKey, requestUrl = url, extra: Record<string, string> = {}): Record<string, string> {
  const headers = { "content-type": "application/proto", ...extra };
  return { ...headers, ...signRequest({ method: "POST", url: requestUrl, headers, body }, key, { created, ...options }) };
}

const at = (seconds: number) => ({ now: () => seconds * 1000 });

describe("our signatures", () => {
  it("match the golden headers", () => {
    const headers = signed();
    expect(headers["content-digest"]).toBe(ourHeaders["content-digest"]);
    expect(headers["signature-input"]).toBe(ourHeaders["signature-input"]);
    expect(headers.signature).toBe(ourHeaders.signature);
    expect(signatureBase(messageOf(headers), parseDictionary(headers["signature-input"], "Signature-Input").get("dispatch") as InnerList)).toBe(
      [
        '"@method": POST',
        '"@path": /dispatch.sdk.v1.FunctionService/Run',
        '"@authority": 127.0.0.1:8000',
        '"content-type": application/proto',
        `"content-digest": ${ourHeaders["content-digest"]}`,
        '"@signature-params": ("@method" "@path" "@authority" "content-type" "content-digest");created=1700000000;keyid="default";alg="ed25519"',
      ].join("\n"),
    );
  });

  it("verify, also up to 5 minutes later and with a sha-256 digest", async () => {
    await verifyRequest(messageOf(signed()), trusted.publicKey, at(created));
    await verifyRequest(messageOf(signed()), trusted.publicKey, at(created + 300));
    const sha256 = signed({ digest: "sha-256" });
    await verifyRequest(messageOf(sha256), trusted.publicKey, at(created));
    verifyContentDigest(sha256["content-digest"], body);
  });

  it("accept a signature covering a superset, in another order", async () => {
    const components = ["content-length", "@target-uri", "content-digest", "content-type", "@authority", "@path", "@method", "@query"];
    const headers = signed({ components }, trusted.privateKey, url, { "content-length": "6" });
    await verifyRequest(messageOf(headers), trusted.publicKey, at(created));
  });

  it("accept the default port written out in Host", async () => {
    await verifyRequest(messageOf(signed({}, trusted.privateKey, "http://example.com/x/dispatch.sdk.v1.FunctionService/Run"), { authority: "Example.com:80", target: "/x/dispatch.sdk.v1.FunctionService/Run" }), trusted.publicKey, at(created));
  });
});

describe("rejected signatures", () => {
  const reject = async (message: SignedMessage, expected: string, reason = "invalid", now = created) => {
    const error = await verifyRequest(message, trusted.publicKey, at(now)).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: "SignatureError", reason, message: expected });
  };

  it("missing", async () => {
    await reject(messageOf({ "content-type": "application/proto" }), "cannot verify request signature: the request is not signed", "missing");
    const other = signed({ label: "other" });
    await reject(messageOf(other), "cannot verify request signature: no signature labelled 'dispatch'", "missing");
  });

  it("expired, or from the future", async () => {
    await reject(messageOf(signed()), "cannot verify request signature: the signature was created 301 s ago, more than the 300 s allowed", "invalid", created + 301);
    await reject(messageOf(signed()), "cannot verify request signature: the signature was created 61 s in the future", "invalid", created - 61);
  });

  it("tampered body (the digest no longer matches)", async () => {
    const headers = signed();
    await verifyRequest(messageOf(headers), trusted.publicKey, at(created)); // the headers are intact
    expect(() => verifyContentDigest(headers["content-digest"], new Uint8Array([...body, 0]))).toThrow(
      "cannot verify Content-Digest: the sha-512 digest does not match the body",
    );
  });

  it("tampered digest header, path, method or authority", async () => {
    const headers = signed();
    await reject(messageOf({ ...headers, "content-digest": contentDigest(new Uint8Array([1])) }), "cannot verify request signature: the signature does not match the request");
    await reject(messageOf(headers, { target: "/other/dispatch.sdk.v1.FunctionService/Run" }), "cannot verify request signature: the signature does not match the request");
    await reject(messageOf(headers, { method: "PUT" }), "cannot verify request signature: the signature does not match the request");
    await reject(messageOf(headers, { authority: "evil.example:8000" }), "cannot verify request signature: the signature does not match the request");
  });

  it("wrong key", async () => {
    await reject(messageOf(signed({}, stranger.privateKey)), "cannot verify request signature: the signature does not match the request");
  });

  it("wrong keyid or alg", async () => {
    await reject(messageOf(signed({ keyId: "other" })), 'cannot verify request signature: unknown keyid "other", expected "default"');
    const headers = signed();
    const noKeyId = headers["signature-input"].replace(';keyid="default"', "");
    await reject(messageOf({ ...headers, "signature-input": noKeyId }), "cannot verify request signature: the keyid parameter is missing");
    const rsa = headers["signature-input"].replace('alg="ed25519"', 'alg="rsa-pss-sha512"');
    await reject(messageOf({ ...headers, "signature-input": rsa }), 'cannot verify request signature: unsupported alg "rsa-pss-sha512", expected "ed25519"');
  });

  it("wrong coverage", async () => {
    await reject(messageOf(signed({ components: ["@method", "@path", "@authority", "content-type"] })), 'cannot verify request signature: the signature does not cover "content-digest"');
    await reject(messageOf(signed({ components: ["@method", "@path", "@path", "@authority", "content-type", "content-digest"] })), 'cannot verify request signature: component "@path" is covered twice');
    const components = ["@method", "@path", "@authority", "content-type", "content-digest", "x-extra"];
    const { "x-extra": _, ...withoutExtra } = signed({ components }, trusted.privateKey, url, { "x-extra": "1" });
    await reject(messageOf(withoutExtra), 'cannot build signature base: covered header "x-extra" is missing from the request');
  });

  it("malformed headers", async () => {
    const headers = signed();
    await reject(messageOf({ ...headers, signature: "dispatch=:AAAA:" }), "cannot verify request signature: the signature is 3 bytes, expected 64");
    await reject(messageOf({ ...headers, signature: "dispatch=1" }), "cannot verify request signature: Signature has no byte sequence labelled 'dispatch'");
    await reject(messageOf({ ...headers, "signature-input": "dispatch=:AAAA:" }), "cannot verify request signature: Signature-Input has no inner list labelled 'dispatch'");
    await reject(messageOf({ ...headers, "signature-input": "dispatch=(" }), "cannot parse Signature-Input: unterminated inner list at offset 10");
    await reject(messageOf({ ...headers, "signature-input": headers["signature-input"].replace("created=1700000000", "created=1700000000.5") }), "cannot verify request signature: the created parameter is missing or not an integer");
    await reject(messageOf({ ...headers, "signature-input": headers["signature-input"].replace('"@method"', '"@method";req') }), 'cannot build signature base: covered component "@method" has parameters, which are not supported');
    await reject(messageOf({ ...headers, "signature-input": headers["signature-input"] + ";expires=1699999999" }), "cannot verify request signature: the signature expired 1 s ago");
  });

  it("digests without a known algorithm", () => {
    expect(() => verifyContentDigest(undefined, body)).toThrow("cannot verify Content-Digest: the header is missing");
    expect(() => verifyContentDigest("md5=:AAAA:", body)).toThrow("cannot verify Content-Digest: no sha-512 or sha-256 digest");
    expect(() => verifyContentDigest("sha-512=1", body)).toThrow("cannot verify Content-Digest: sha-512 is not a byte sequence");
  });
});
