// Verifying the signature that the Dispatch scheduler puts on the requests it
// sends to endpoints. Checks, in order: that a signature with our label exists
// (else "missing"), that its parameters are acceptable (keyid, alg, created
// within max age, expires), that it covers at least the required components
// (a superset is fine), and finally the Ed25519 signature over the base.
//
// Assumes the caller checks Content-Digest against the body afterwards: the
// signature covers the header, not the body, which lets the endpoint reject a
// forged request before it reads a byte of the body.

import { type KeyObject, verify } from "node:crypto";
import { requiredComponents } from "./sign-request.js";
import { type SignedMessage, signatureBase } from "./signature-base.js";
import { SignatureError } from "./signature-error.js";
import { type InnerList, isInnerList, type Member, parseDictionary, serializeBareItem } from "./structured-fields.js";

export interface VerifyOptions {
  label: string;
  keyId: string;
  /** Oldest accepted signature, in seconds. */
  maxAgeSeconds: number;
  /** How far in the future `created` may be, for clocks that disagree a little. */
  clockSkewSeconds: number;
  /** Components the signature must cover at least. */
  requiredComponents: readonly string[];
  /** The current time in milliseconds (tests freeze it). */
  now: () => number;
}

export function verifyOptions(options: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    label: options.label ?? "dispatch",
    keyId: options.keyId ?? "default",
    maxAgeSeconds: options.maxAgeSeconds ?? 300,
    clockSkewSeconds: options.clockSkewSeconds ?? 60,
    requiredComponents: options.requiredComponents ?? requiredComponents,
    now: options.now ?? Date.now,
  };
}

/** Resolves when the message carries a valid signature; throws a SignatureError otherwise. */
export async function verifyRequest(message: SignedMessage, key: KeyObject, options?: Partial<VerifyOptions>): Promise<void> {
  const o = verifyOptions(options);
  const inputHeader = message.header("signature-input");
  const signatureHeader = message.header("signature");
  if (inputHeader === undefined && signatureHeader === undefined) {
    throw new SignatureError("missing", "cannot verify request signature: the request is not signed");
  }
  const input = member(inputHeader, "Signature-Input", o.label);
  const signature = member(signatureHeader, "Signature", o.label);
  if (input === undefined && signature === undefined) {
    throw new SignatureError("missing", `cannot verify request signature: no signature labelled '${o.label}'`);
  }
  if (input === undefined || !isInnerList(input)) {
    throw invalid(`Signature-Input has no inner list labelled '${o.label}'`);
  }
  if (signature === undefined || isInnerList(signature) || !(signature.value instanceof Uint8Array)) {
    throw invalid(`Signature has no byte sequence labelled '${o.label}'`);
  }
  checkParameters(input, o);
  checkCoverage(input, o.requiredComponents);
  if (signature.value.length !== 64) throw invalid(`the signature is ${signature.value.length} bytes, expected 64`);
  const base = Buffer.from(signatureBase(message, input));
  // The callback form runs in libuv's thread pool: a verification costs about
  // as much as a whole small request, and other requests can proceed meanwhile.
  const valid = await new Promise<boolean>((resolve, reject) =>
    verify(null, base, key, signature.value as Uint8Array, (error, ok) => (error ? reject(error) : resolve(ok))),
  ).catch((error: unknown) => {
    throw invalid(`cannot check the signature: ${(error as Error).message}`);
  });
  if (!valid) throw invalid("the signature does not match the request");
}

function member(header: string | undefined, field: string, label: string): Member | undefined {
  return header === undefined ? undefined : parseDictionary(header, field).get(label);
}

function checkParameters(input: InnerList, o: VerifyOptions): void {
  const { params } = input;
  const keyId = params.get("keyid");
  if (keyId === undefined) throw invalid("the keyid parameter is missing");
  if (keyId !== o.keyId) throw invalid(`unknown keyid ${serializeBareItem(keyId)}, expected "${o.keyId}"`);
  const alg = params.get("alg");
  if (alg !== undefined && alg !== "ed25519") throw invalid(`unsupported alg ${serializeBareItem(alg)}, expected "ed25519"`);
  const created = params.get("created");
  if (typeof created !== "number" || !Number.isInteger(created)) throw invalid("the created parameter is missing or not an integer");
  const now = Math.floor(o.now() / 1000);
  if (now - created > o.maxAgeSeconds) {
    throw invalid(`the signature was created ${now - created} s ago, more than the ${o.maxAgeSeconds} s allowed`);
  }
  if (created - now > o.clockSkewSeconds) throw invalid(`the signature was created ${created - now} s in the future`);
  const expires = params.get("expires");
  if (expires !== undefined) {
    if (typeof expires !== "number" || !Number.isInteger(expires)) throw invalid("the expires parameter is not an integer");
    if (now > expires) throw invalid(`the signature expired ${now - expires} s ago`);
  }
}

function checkCoverage(input: InnerList, required: readonly string[]): void {
  const covered = new Set<string>();
  for (const item of input.items) {
    const name = typeof item.value === "string" ? item.value : serializeBareItem(item.value);
    if (covered.has(name)) throw invalid(`component "${name}" is covered twice`);
    covered.add(name);
  }
  const missing = required.filter((name) => !covered.has(name));
  if (missing.length > 0) throw invalid(`the signature does not cover ${missing.map((m) => `"${m}"`).join(", ")}`);
}

function invalid(reason: string): SignatureError {
  return new SignatureError("invalid", `cannot verify request signature: ${reason}`);
}
