// Loading Ed25519 keys from what people paste into configuration: PEM (also
// with the line breaks written as a literal "\n", as happens in .env files and
// CI secrets), or base64 of the 32 raw key bytes (the form the Dispatch console
// shows). Errors say what was expected and what was found, never the key.

import { createPrivateKey, createPublicKey, KeyObject } from "node:crypto";
import { SignatureError } from "./signature-error.js";

/** A key as given by a user: PEM or base64 text, raw bytes, or a KeyObject. */
export type KeyInput = string | Uint8Array | KeyObject;

// DER prefixes that wrap 32 raw bytes into SubjectPublicKeyInfo and PKCS#8
// for the Ed25519 OID 1.3.101.112 (RFC 8410), so raw keys need no JWK detour.
const spkiPrefix = Buffer.from("302a300506032b6570032100", "hex");
const pkcs8Prefix = Buffer.from("302e020100300506032b657004220420", "hex");
const base64Text = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Loads the public key that verifies request signatures. */
export function loadVerificationKey(input: KeyInput): KeyObject {
  return load(input, "verification key", "public");
}

/** Loads the private key that signs requests (raw form: the 32-byte seed). */
export function loadSigningKey(input: KeyInput): KeyObject {
  return load(input, "signing key", "private");
}

function load(input: KeyInput, what: string, type: "public" | "private"): KeyObject {
  const fail = (reason: string, cause?: unknown): never => {
    throw new SignatureError("key", `cannot load ${what}: ${reason}`, { cause });
  };
  let key: KeyObject;
  if (input instanceof KeyObject) {
    key = input;
  } else if (input instanceof Uint8Array) {
    key = fromRaw(input, type, fail);
  } else if (typeof input === "string") {
    const text = input.trim().replace(/\\n/g, "\n");
    if (text === "") return fail("the key is empty");
    if (text.startsWith("-----BEGIN")) {
      key = fromPem(text, type, fail);
    } else if (base64Text.test(text)) {
      key = fromRaw(Buffer.from(text, text.includes("-") || text.includes("_") ? "base64url" : "base64"), type, fail);
    } else {
      return fail("expected PEM or base64 of the 32 raw key bytes");
    }
  } else {
    return fail(`expected a string, bytes or a KeyObject, got ${typeof input}`);
  }
  if (key.type !== type) {
    // A private key where a public one belongs means a secret sits in the wrong place.
    return fail(`expected a ${type} key, got a ${key.type} key`);
  }
  if (key.asymmetricKeyType !== "ed25519") {
    return fail(`expected an ed25519 key, got ${key.asymmetricKeyType ?? "a symmetric key"}`);
  }
  return key;
}

function fromRaw(bytes: Uint8Array, type: "public" | "private", fail: (reason: string) => never): KeyObject {
  if (bytes.length !== 32) fail(`expected 32 raw key bytes, got ${bytes.length}`);
  const der = Buffer.concat([type === "public" ? spkiPrefix : pkcs8Prefix, bytes]);
  return type === "public"
    ? createPublicKey({ key: der, format: "der", type: "spki" })
    : createPrivateKey({ key: der, format: "der", type: "pkcs8" });
}

function fromPem(pem: string, type: "public" | "private", fail: (reason: string, cause?: unknown) => never): KeyObject {
  const isPrivate = /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem);
  try {
    // Parse with the function of the key's own kind, so that the type check
    // above reports a private key given as a verification key clearly.
    return isPrivate ? createPrivateKey(pem) : createPublicKey(pem);
  } catch (error) {
    return fail(`invalid PEM: ${(error as Error).message}`, error);
  }
}
