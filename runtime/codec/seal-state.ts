// The envelope of state bytes that leave the process: a header (magic and
// envelope version) and the payload, authenticated by HMAC-SHA256 over both
// with the application's key, so a forged state cannot choose a resume point.
// Layout: "DSTA" | version (1 byte) | payload | tag (32 bytes).

import { createHmac, timingSafeEqual } from "node:crypto";
import { CodecError } from "./codec-error.js";

const MAGIC = [0x44, 0x53, 0x54, 0x41]; // "DSTA": dispatch state
// Also the version of what the payload holds: 2 since frames carry their id, layout and version
// (a state of version 1 is refused as incompatible, so the scheduler restarts it from its input).
export const SEAL_VERSION = 2;
const HEADER = MAGIC.length + 1;
const TAG = 32;
const MIN_KEY = 16;

function checkKey(key: Uint8Array, verb: string): void {
  if (!(key instanceof Uint8Array) || key.length < MIN_KEY) {
    throw new TypeError(`cannot ${verb} state: the key must be a Uint8Array of at least ${MIN_KEY} bytes`);
  }
}

function mac(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

export function sealState(payload: Uint8Array, key: Uint8Array): Uint8Array {
  checkKey(key, "seal");
  const out = new Uint8Array(HEADER + payload.length + TAG);
  out.set(MAGIC, 0);
  out[MAGIC.length] = SEAL_VERSION;
  out.set(payload, HEADER);
  out.set(mac(key, out.subarray(0, HEADER + payload.length)), HEADER + payload.length);
  return out;
}

/** The payload of a sealed state, once its header and tag check out. */
export function openState(sealed: Uint8Array, key: Uint8Array): Uint8Array {
  checkKey(key, "open");
  if (!(sealed instanceof Uint8Array) || sealed.length < HEADER + TAG) {
    const n = sealed instanceof Uint8Array ? sealed.length : 0;
    throw new CodecError("corrupt", `cannot open state: ${n} bytes is too short for a sealed state (at least ${HEADER + TAG})`);
  }
  for (let i = 0; i < MAGIC.length; i++) {
    if (sealed[i] !== MAGIC[i]) throw new CodecError("corrupt", "cannot open state: not a dispatch-ts state (bad magic)");
  }
  const version = sealed[MAGIC.length]!;
  if (version !== SEAL_VERSION) {
    throw new CodecError(
      "incompatible",
      `cannot open state: envelope version ${version} is not supported (this build reads version ${SEAL_VERSION})`,
    );
  }
  const end = sealed.length - TAG;
  const expected = mac(key, sealed.subarray(0, end));
  if (!timingSafeEqual(expected, sealed.subarray(end))) {
    throw new CodecError("unauthenticated", "cannot open state: authentication failed (tampered state or wrong key)");
  }
  return sealed.slice(HEADER, end);
}
