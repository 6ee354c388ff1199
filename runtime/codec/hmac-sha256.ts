// HMAC-SHA256 (RFC 2104) from two one-shot SHA-256 hashes (crypto.hash). The
// engine seals and opens a state at every durable call, and createHmac builds a
// stream object, a key object and a digest Buffer each time: measured 4.8-6 us
// per MAC of a 200-byte state against 2.2 us for this (docs/CODEC.md).
// The construction is the standard one: K is the key (hashed first if longer
// than a block), zero-padded to a block; tag = H((K ^ opad) || H((K ^ ipad) || m)).
// test/codec/hmac-sha256.test.ts checks it against createHmac. Digests come back
// as "binary" (latin1) strings, one char per byte: V8 makes those far more cheaply than Buffers.
// Messages above SCRATCH_MAX go to createHmac, which streams them instead of
// copying them next to the padded key.

import { createHmac, hash } from "node:crypto";
import { copyOf } from "./copy-of.js";

export const TAG_BYTES = 32;
const BLOCK = 64;
const IPAD = 0x36;
const OPAD = 0x5c;
const SCRATCH_MAX = 64 * 1024;

/** Inner pad then message, for the inner hash; kept between calls up to SCRATCH_MAX. */
let scratch = new Uint8Array(BLOCK + 4096);

/**
 * The padded key blocks of the last key used (the engine uses one key for every
 * state): the inner pad, and the outer pad with room for the inner digest. The
 * key's bytes are kept too and compared at each call, so a key changed in place
 * is seen.
 */
let lastKey: Uint8Array | undefined;
let lastKeyBytes: Uint8Array = new Uint8Array(0);
let innerPad = new Uint8Array(BLOCK);
let outerBlock = new Uint8Array(BLOCK + TAG_BYTES);

/** Writes the tag of message[0, n) into out[at, at + 32). */
export function hmacSha256(key: Uint8Array, message: Uint8Array, n: number, out: Uint8Array, at: number): void {
  const tag = digest(key, message, n);
  if (typeof tag === "string") {
    for (let i = 0; i < TAG_BYTES; i++) out[at + i] = tag.charCodeAt(i);
  } else {
    out.set(tag, at);
  }
}

/** Whether bytes[end, end + 32) is the tag of bytes[0, end); compares in constant time. */
export function tagMatches(key: Uint8Array, bytes: Uint8Array, end: number): boolean {
  const tag = digest(key, bytes, end);
  let diff = 0;
  if (typeof tag === "string") {
    for (let i = 0; i < TAG_BYTES; i++) diff |= tag.charCodeAt(i) ^ bytes[end + i]!;
  } else {
    for (let i = 0; i < TAG_BYTES; i++) diff |= tag[i]! ^ bytes[end + i]!;
  }
  return diff === 0;
}

function digest(key: Uint8Array, message: Uint8Array, n: number): string | Uint8Array {
  if (n > SCRATCH_MAX - BLOCK - TAG_BYTES) return createHmac("sha256", key).update(message.subarray(0, n)).digest();
  if (!sameKey(key)) usePads(key);
  // The whole message when it is at most a tag longer than n (a sealed state and its tag):
  // copying 32 bytes more is cheaper than making a subarray.
  const copied = message.length - n <= TAG_BYTES ? message.length : n;
  if (scratch.length < BLOCK + copied) {
    let size = scratch.length * 2;
    while (size < BLOCK + copied) size *= 2;
    scratch = new Uint8Array(Math.min(size, SCRATCH_MAX));
  }
  scratch.set(innerPad, 0);
  scratch.set(copied === message.length ? message : message.subarray(0, n), BLOCK);
  const inner = hash("sha256", scratch.subarray(0, BLOCK + n), "binary");
  for (let i = 0; i < TAG_BYTES; i++) outerBlock[BLOCK + i] = inner.charCodeAt(i);
  return hash("sha256", outerBlock, "binary");
}

function sameKey(key: Uint8Array): boolean {
  if (key !== lastKey || key.length !== lastKeyBytes.length) return false;
  let diff = 0;
  for (let i = 0; i < key.length; i++) diff |= key[i]! ^ lastKeyBytes[i]!;
  return diff === 0;
}

function usePads(key: Uint8Array): void {
  const k = key.length > BLOCK ? hash("sha256", key, "buffer") : key;
  innerPad = new Uint8Array(BLOCK).fill(IPAD);
  outerBlock = new Uint8Array(BLOCK + TAG_BYTES);
  outerBlock.fill(OPAD, 0, BLOCK);
  for (let i = 0; i < k.length; i++) {
    innerPad[i]! ^= k[i]!;
    outerBlock[i]! ^= k[i]!;
  }
  lastKey = key;
  lastKeyBytes = copyOf(key);
}
