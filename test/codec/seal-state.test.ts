// Sealed state: header (magic, envelope version), payload, HMAC-SHA256 tag.
// Any change to any byte, or another key, is refused before decoding starts.

import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue, isCodecError, openState, sealState } from "../../runtime/codec/index.js";

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);

function refusal(sealed: Uint8Array, k = key): string {
  try {
    openState(sealed, k);
  } catch (e) {
    if (!isCodecError(e)) throw e;
    return `${e.code}: ${e.message}`;
  }
  throw new Error("expected a refusal");
}

const TAMPERED = "unauthenticated: cannot open state: authentication failed (tampered state or wrong key)";

describe("sealed state", () => {
  const payload = encodeValue({ pc: 3, locals: ["a", 1n, new Date(0)] });
  const sealed = sealState(payload, key);

  it("round-trips the payload", () => {
    expect(sealed.length).toBe(payload.length + 5 + 32);
    expect([...sealed.subarray(0, 5)]).toEqual([0x44, 0x53, 0x54, 0x41, 3]);
    expect(openState(sealed, key)).toEqual(payload);
    expect(decodeValue(openState(sealed, key))).toEqual({ pc: 3, locals: ["a", 1n, new Date(0)] });
  });

  it("refuses every single tampered byte of payload and tag", () => {
    for (let i = 5; i < sealed.length; i++) {
      const copy = sealed.slice();
      copy[i]! ^= 0x01;
      expect(refusal(copy)).toBe(TAMPERED);
    }
  });

  it("refuses another key", () => {
    expect(refusal(sealed, otherKey)).toBe(TAMPERED);
  });

  it("refuses a truncated state", () => {
    expect(refusal(sealed.subarray(0, sealed.length - 1))).toBe(TAMPERED);
    expect(refusal(sealed.subarray(0, 20))).toBe(
      "corrupt: cannot open state: 20 bytes is too short for a sealed state (at least 37)",
    );
    expect(refusal(new Uint8Array(0))).toBe("corrupt: cannot open state: 0 bytes is too short for a sealed state (at least 37)");
  });

  it("refuses a wrong magic or envelope version", () => {
    const badMagic = sealed.slice();
    badMagic[0] = 0x00;
    expect(refusal(badMagic)).toBe("corrupt: cannot open state: not a dispatch-ts state (bad magic)");
    const badVersion = sealed.slice();
    badVersion[4] = 1; // a state saved before frames carried their versions
    expect(refusal(badVersion)).toBe(
      "incompatible: cannot open state: envelope version 1 is not supported (this build reads version 3)",
    );
    badVersion[4] = 2; // a state whose root was an object with named fields
    expect(refusal(badVersion)).toBe(
      "incompatible: cannot open state: envelope version 2 is not supported (this build reads version 3)",
    );
  });

  it("refuses a forged state that re-signs with another key", () => {
    expect(refusal(sealState(payload, otherKey))).toBe(TAMPERED);
  });

  it("requires a key of at least 16 bytes", () => {
    expect(() => sealState(payload, new Uint8Array(15))).toThrow(
      new TypeError("cannot seal state: the key must be a Uint8Array of at least 16 bytes"),
    );
    expect(() => openState(sealed, new Uint8Array(0))).toThrow(
      new TypeError("cannot open state: the key must be a Uint8Array of at least 16 bytes"),
    );
  });

  it("returns a payload that does not alias the sealed bytes", () => {
    const opened = openState(sealed, key);
    opened[0] = 99;
    expect(sealed[5]).toBe(payload[0]);
    // A Buffer's slice() is a view: the copy must not be one.
    const asBuffer = Buffer.from(sealed);
    const fromBuffer = openState(asBuffer, key);
    fromBuffer[0] = 99;
    expect(asBuffer[5]).toBe(payload[0]);
  });
});
