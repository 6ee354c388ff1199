// The envelope of state bytes that leave the process: a header (magic and
// envelope version) and the payload, authenticated by HMAC-SHA256 over both
// with the application's key, so a forged state cannot choose a resume point.
// Layout: "DSTA" | version (1 byte) | payload | tag (32 bytes).
//
// The engine seals and opens once per durable call, so the MAC is on its hot
// path: see hmac-sha256.ts for why it is not createHmac.

import { CodecError } from "./codec-error.js";
import { copyOf } from "./copy-of.js";
import { hmacSha256, TAG_BYTES, tagMatches } from "./hmac-sha256.js";

const MAGIC = [0x44, 0x53, 0x54, 0x41]; // "DSTA": dispatch state
// Also the version of what the payload holds: 2 since frames carry their id, layout and version,
// 3 since the engine's state is a positional array rather than an object with named fields (an
// older state is refused as incompatible, so the scheduler restarts it from its input).
export const SEAL_VERSION = 3;
const HEADER = MAGIC.length + 1;
const TAG = TAG_BYTES;
const MIN_KEY = 16;

function checkKey(key: Uint8Array, verb: string): void {
  if (!(key instanceof Uint8Array) || key.length < MIN_KEY) {
    throw new TypeError(`cannot ${verb} state: the key must be a Uint8Array of at least ${MIN_KEY} bytes`);
  }
}

/** A sealed state of its own (never a view into shared memory: stores may keep it for long). */
export function sealState(payload: Uint8Array, key: Uint8Array): Uint8Array {
  return sealBytes(payload, 0, payload.length, key);
}

/** Seals bytes[start, end) without first copying them out (the encoder's buffer, for the engine). */
export function sealBytes(bytes: Uint8Array, start: number, end: number, key: Uint8Array): Uint8Array {
  checkKey(key, "seal");
  const n = end - start;
  const out = new Uint8Array(HEADER + n + TAG);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC[i]!;
  out[MAGIC.length] = SEAL_VERSION;
  out.set(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end), HEADER);
  hmacSha256(key, out, HEADER + n, out, HEADER + n);
  return out;
}

/** The payload of a sealed state, once its header and tag check out: a copy of its own. */
export function openState(sealed: Uint8Array, key: Uint8Array): Uint8Array {
  return copyOf(openStateView(sealed, key));
}

/**
 * The payload as a view into `sealed` (no copy), for a caller that decodes it at
 * once and keeps nothing. Bytes in shared memory are copied first and the copy is
 * checked and returned, so another thread cannot change them after the check.
 */
export function openStateView(sealed: Uint8Array, key: Uint8Array): Uint8Array {
  checkKey(key, "open");
  if (!(sealed instanceof Uint8Array) || sealed.length < HEADER + TAG) {
    const n = sealed instanceof Uint8Array ? sealed.length : 0;
    throw new CodecError("corrupt", `cannot open state: ${n} bytes is too short for a sealed state (at least ${HEADER + TAG})`);
  }
  const bytes = sealed.buffer instanceof ArrayBuffer ? sealed : copyOf(sealed);
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new CodecError("corrupt", "cannot open state: not a dispatch-ts state (bad magic)");
  }
  const version = bytes[MAGIC.length]!;
  if (version !== SEAL_VERSION) {
    throw new CodecError(
      "incompatible",
      `cannot open state: envelope version ${version} is not supported (this build reads version ${SEAL_VERSION})`,
    );
  }
  const end = bytes.length - TAG;
  if (!tagMatches(key, bytes, end)) {
    throw new CodecError("unauthenticated", "cannot open state: authentication failed (tampered state or wrong key)");
  }
  return bytes.subarray(HEADER, end);
}
