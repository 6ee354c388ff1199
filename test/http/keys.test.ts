import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadSigningKey, loadVerificationKey } from "../../runtime/http/index.js";
import { rfcPrivatePem, rfcPublicPem, trusted } from "./support/keys.js";

const rfcRaw = "JrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";

describe("loadVerificationKey", () => {
  it("reads PEM, PEM with literal \\n, base64 and base64url of the raw bytes, bytes and KeyObjects", () => {
    const expected = loadVerificationKey(rfcPublicPem).export({ format: "der", type: "spki" });
    const forms = [
      rfcPublicPem,
      rfcPublicPem.replace(/\n/g, "\\n"),
      `  ${rfcRaw}\n`,
      Buffer.from(rfcRaw, "base64").toString("base64url"),
      Buffer.from(rfcRaw, "base64"),
      loadVerificationKey(rfcPublicPem),
    ];
    for (const form of forms) expect(loadVerificationKey(form).export({ format: "der", type: "spki" })).toEqual(expected);
    expect(loadVerificationKey(trusted.publicRaw).equals(trusted.publicKey)).toBe(true);
  });

  it.each([
    ["", "cannot load verification key: the key is empty"],
    ["not a key!", "cannot load verification key: expected PEM or base64 of the 32 raw key bytes"],
    ["AAAA", "cannot load verification key: expected 32 raw key bytes, got 3"],
    [rfcPrivatePem, "cannot load verification key: expected a public key, got a private key"],
    ["-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "cannot load verification key: invalid PEM: "],
  ])("rejects %j", (input, message) => {
    expect(() => loadVerificationKey(input)).toThrow(message);
  });

  it("rejects keys of another type", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() => loadVerificationKey(publicKey)).toThrow("cannot load verification key: expected an ed25519 key, got ec");
    const pem = publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(() => loadVerificationKey(pem)).toThrow("cannot load verification key: expected an ed25519 key, got ec");
    expect(() => loadVerificationKey(42 as never)).toThrow("cannot load verification key: expected a string, bytes or a KeyObject, got number");
  });
});

describe("loadSigningKey", () => {
  it("reads PEM and the base64 seed, and refuses a public key", () => {
    const seed = Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1)).toString("base64");
    expect(loadSigningKey(seed).export({ format: "der", type: "pkcs8" })).toEqual(trusted.privateKey.export({ format: "der", type: "pkcs8" }));
    expect(loadSigningKey(rfcPrivatePem.replace(/\n/g, "\\n")).asymmetricKeyType).toBe("ed25519");
    expect(() => loadSigningKey(rfcPublicPem)).toThrow("cannot load signing key: expected a private key, got a public key");
  });
});
