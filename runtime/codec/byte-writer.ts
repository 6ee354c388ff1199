// A growable byte buffer with the primitive encodings of the format: varints,
// floats and string bodies. No per-value allocation: strings are encoded straight
// into the buffer, numbers through one DataView that is replaced only on growth.

import { CodecError } from "./codec-error.js";
import { FIXSTR, FLOAT32, FLOAT64, STR, STR16 } from "./tags.js";

const utf8 = new TextEncoder();
const isWellFormed = (String.prototype as unknown as { isWellFormed?: () => boolean }).isWellFormed;

// Below this many UTF-16 units a JavaScript loop beats TextEncoder.encodeInto,
// whose call and subarray cost dominate on short strings (docs/CODEC.md).
const SHORT_STRING = 64;

export class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  /** limits.maxBytes: growing past it fails early instead of filling memory first. */
  limit = Infinity;
  private view: DataView;

  constructor(initialSize = 4096) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    // this.pos, not this.pos + n: a reservation may overestimate (3 bytes per
    // UTF-16 unit), and a value that fits must not be refused.
    if (this.pos > this.limit) {
      throw new CodecError("limit", `cannot serialize value: more than ${this.limit} bytes (limits.maxBytes)`);
    }
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(b: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned LEB128 of an integer in [0, 2^53]. */
  varint(n: number): void {
    this.ensure(9);
    const buf = this.buf;
    let pos = this.pos;
    if (n <= 0x7fffffff) {
      while (n >= 0x80) {
        buf[pos++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
    } else {
      // Beyond 31 bits the bitwise operators would truncate.
      while (n >= 0x80) {
        buf[pos++] = (n % 0x80) | 0x80;
        n = Math.floor(n / 0x80);
      }
    }
    buf[pos++] = n;
    this.pos = pos;
  }

  tagVarint(tag: number, n: number): void {
    this.u8(tag);
    this.varint(n);
  }

  /** A non-integer number: float32 when that is exact, else float64 (also -0, NaN). */
  float(n: number): void {
    this.ensure(9);
    if (Math.fround(n) === n) {
      this.buf[this.pos] = FLOAT32;
      this.view.setFloat32(this.pos + 1, n, true);
      this.pos += 5;
    } else {
      this.buf[this.pos] = FLOAT64;
      this.view.setFloat64(this.pos + 1, n, true);
      this.pos += 9;
    }
  }

  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  /** A new non-empty string with its tag: FIXSTR, STR (UTF-8) or STR16. */
  string(s: string): void {
    const n = s.length;
    if (n < 32) {
      // One pass that succeeds for short ASCII strings, the common case of keys.
      this.ensure(n + 1);
      const buf = this.buf;
      let p = this.pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[p++] = c;
      }
      if (i === n) {
        buf[this.pos] = FIXSTR + n;
        this.pos = p;
        return;
      }
    }
    if (n < SHORT_STRING) {
      // At most 3 bytes per unit: 189 bytes, a two-byte varint at most.
      this.ensure(3 + 3 * n);
      const written = this.utf8Loop(s, this.pos + 3);
      if (written < 0) return this.string16(s);
      this.buf[this.pos] = STR;
      this.paddedVarint(this.pos + 1, written, 2);
      this.pos += 3 + written;
      return;
    }
    if (isWellFormed !== undefined ? !isWellFormed.call(s) : hasLoneSurrogate(s)) {
      return this.string16(s);
    }
    const width = varintSize(3 * n);
    this.ensure(1 + width + 3 * n);
    const start = this.pos + 1 + width;
    const { written } = utf8.encodeInto(s, this.buf.subarray(start));
    this.buf[this.pos] = STR;
    this.paddedVarint(this.pos + 1, written, width);
    this.pos = start + written;
  }

  /** UTF-16 code units as they are, for strings UTF-8 cannot carry (lone surrogates). */
  private string16(s: string): void {
    const n = s.length;
    this.u8(STR16);
    this.varint(n);
    this.ensure(2 * n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      buf[p++] = c & 0xff;
      buf[p++] = c >>> 8;
    }
    this.pos = p;
  }

  /** UTF-8 of s at start; returns the byte count, or -1 on a lone surrogate. */
  private utf8Loop(s: string, start: number): number {
    const buf = this.buf;
    const n = s.length;
    let p = start;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >>> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[p++] = 0xe0 | (c >>> 12);
        buf[p++] = 0x80 | ((c >>> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) return -1;
        i++;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[p++] = 0xf0 | (cp >>> 18);
        buf[p++] = 0x80 | ((cp >>> 12) & 0x3f);
        buf[p++] = 0x80 | ((cp >>> 6) & 0x3f);
        buf[p++] = 0x80 | (cp & 0x3f);
      }
    }
    return p - start;
  }

  /**
   * A varint stretched to exactly `width` bytes (continuation bits on leading
   * zero groups), so a length can be written after its bytes without moving them.
   */
  private paddedVarint(at: number, n: number, width: number): void {
    const buf = this.buf;
    for (let i = 0; i < width - 1; i++) {
      buf[at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[at] = n;
  }

  /** The bytes written, as an exact-size copy (the buffer itself is reused). */
  finish(): Uint8Array {
    return copyOut(this.buf, this.pos);
  }
}

// A new ArrayBuffer costs far more than a 300-byte state (measured: slice()
// 0.97 us, a view into a shared chunk 0.37 us), so small results are carved
// from 8 KiB chunks, as Node does for Buffers. A chunk lives as long as a view
// into it; larger results get their own buffer.
const CHUNK = 8192;
let chunk = new ArrayBuffer(CHUNK);
let chunkUsed = 0;

export function copyOut(src: Uint8Array, n: number): Uint8Array {
  if (n > CHUNK / 2) return src.slice(0, n);
  if (chunkUsed + n > CHUNK) {
    chunk = new ArrayBuffer(CHUNK);
    chunkUsed = 0;
  }
  const out = new Uint8Array(chunk, chunkUsed, n);
  chunkUsed += (n + 7) & ~7;
  out.set(src.subarray(0, n));
  return out;
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
