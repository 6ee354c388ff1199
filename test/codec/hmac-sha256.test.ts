// The state envelope's HMAC is built from two SHA-256 hashes (runtime/codec/hmac-sha256.ts)
// rather than createHmac: it must give createHmac's tags for every key and message length,
// including keys longer than a block (hashed first) and messages past the scratch buffer.

import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256, TAG_BYTES, tagMatches } from "../../runtime/codec/hmac-sha256.js";
import { openState, sealState } from "../../runtime/codec/index.js";

function ours(key: Uint8Array, message: Uint8Array): Buffer {
  const out = new Uint8Array(TAG_BYTES + 3);
  hmacSha256(key, message, message.length, out, 3);
  return Buffer.from(out.subarray(3));
}

describe("HMAC-SHA256 of the state envelope", () => {
  const keyLengths = [16, 32, 63, 64, 65, 128, 200];
  const messageLengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 200, 4031, 4032, 4033, 9000, 64 * 1024 - 96, 64 * 1024 - 95, 64 * 1024 - 64, 200_000];

  it("equals createHmac for keys shorter than, equal to and longer than a block", () => {
    for (const kn of keyLengths) {
      const key = randomBytes(kn);
      for (const mn of messageLengths) {
        const message = randomBytes(mn);
        expect(ours(key, message).toString("hex"), `key ${kn} bytes, message ${mn} bytes`).toBe(
          createHmac("sha256", key).update(message).digest("hex"),
        );
      }
    }
  });

  it("sees a key changed in place between calls", () => {
    const key = randomBytes(32);
    const message = randomBytes(100);
    expect(ours(key, message).toString("hex")).toBe(createHmac("sha256", key).update(message).digest("hex"));
    key[0]! ^= 1;
    expect(ours(key, message).toString("hex")).toBe(createHmac("sha256", key).update(message).digest("hex"));
  });

  it("accepts exactly its own tag and refuses any other", () => {
    const key = randomBytes(32);
    const bytes = new Uint8Array(100 + TAG_BYTES);
    bytes.set(randomBytes(100));
    hmacSha256(key, bytes, 100, bytes, 100);
    expect(tagMatches(key, bytes, 100)).toBe(true);
    for (let i = 0; i < bytes.length; i++) {
      const copy = bytes.slice();
      copy[i]! ^= 0x80;
      expect(tagMatches(key, copy, 100), `byte ${i} flipped`).toBe(false);
    }
    expect(tagMatches(randomBytes(32), bytes, 100)).toBe(false);
  });

  it("seals with the tag createHmac gives over header and payload", () => {
    const key = randomBytes(32);
    for (const n of [0, 10, 300, 70_000]) {
      const payload = randomBytes(n);
      const sealed = sealState(payload, key);
      const end = sealed.length - TAG_BYTES;
      expect(Buffer.from(sealed.subarray(end)).toString("hex")).toBe(
        createHmac("sha256", key).update(sealed.subarray(0, end)).digest("hex"),
      );
      expect(Buffer.from(openState(sealed, key)).equals(payload)).toBe(true);
    }
  });

  it("opens a state held in shared memory from a copy", () => {
    const key = randomBytes(32);
    const sealed = sealState(randomBytes(50), key);
    const shared = new Uint8Array(new SharedArrayBuffer(sealed.length));
    shared.set(sealed);
    const opened = openState(shared, key);
    expect(opened.buffer).not.toBe(shared.buffer);
    expect(Buffer.from(opened).equals(Buffer.from(sealed.subarray(5, sealed.length - TAG_BYTES)))).toBe(true);
  });
});
