// Bounds-checked reads of the primitive encodings. The input is untrusted: every
// read checks the remaining length first, so a hostile length fails here as a
// CodecError before anything is allocated from it.

import { CodecError } from "./codec-error.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const fromCharCode = String.fromCharCode;

// Short ASCII strings (keys, above all) are cached across decodings by their
// bytes, and cached internalized: a fresh string used as a property key costs
// V8 a string-table lookup at every store, which made key handling the largest
// cost of decoding (docs/CODEC.md). The cache is bounded: 2048 slots of up to
// 64 bytes, so that frame ids (`module/path.ts#name`, which the engine looks up
// in a Map at every resume) fit too.
const CACHE_SLOTS = 2048;
const CACHE_MAX = 64;
const cacheStrings: string[] = new Array<string>(CACHE_SLOTS).fill("");
const cacheLengths = new Uint8Array(CACHE_SLOTS);
const cacheBytes = new Uint8Array(CACHE_SLOTS * CACHE_MAX);

function internalize(s: string): string {
  // Property keys that Object.keys returns are internalized strings.
  return Object.keys({ [s]: 0 })[0] as string;
}

export class ByteReader {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;
  /** Created on the first float: most states have none. */
  private view: DataView | undefined;

  constructor(buf: Uint8Array, start: number) {
    this.buf = buf;
    this.pos = start;
    this.end = buf.length;
  }

  private dataView(): DataView {
    return (this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  /** A "corrupt" error at the current offset (or at `at`). */
  fail(reason: string, code: CodecError["code"] = "corrupt", at = this.pos, cause?: unknown): CodecError {
    return new CodecError(code, `cannot decode value at byte ${at}: ${reason}`, { offset: at, cause });
  }

  truncated(): CodecError {
    return this.fail("unexpected end of input");
  }

  remaining(): number {
    return this.end - this.pos;
  }

  u8(): number {
    if (this.pos >= this.end) throw this.truncated();
    return this.buf[this.pos++];
  }

  /** Unsigned LEB128, at most 8 bytes and 2^53. */
  varint(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= this.end) throw this.truncated();
    let b = buf[pos++];
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let result = b & 0x7f;
    let scale = 0x80;
    for (let i = 1; ; i++) {
      if (pos >= this.end) throw this.truncated();
      b = buf[pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) break;
      if (i === 7) throw this.fail("varint longer than 8 bytes");
      scale *= 0x80;
    }
    if (result > 2 ** 53) throw this.fail(`varint ${result} exceeds 2^53`);
    this.pos = pos;
    return result;
  }

  /** A count of items that each take at least `minBytes`: refused if the input cannot hold them. */
  count(minBytes: number, what: string): number {
    const at = this.pos;
    const n = this.varint();
    if (n * minBytes > this.end - this.pos) {
      throw this.fail(`${what} of ${n} exceeds the ${this.end - this.pos} bytes left`, "corrupt", at);
    }
    return n;
  }

  f32(): number {
    if (this.end - this.pos < 4) throw this.truncated();
    const v = this.dataView().getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    if (this.end - this.pos < 8) throw this.truncated();
    const v = this.dataView().getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A view of the next n bytes (callers copy what they keep). */
  bytes(n: number): Uint8Array {
    if (n > this.end - this.pos) throw this.truncated();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** n bytes of UTF-8; malformed UTF-8 is corruption, never replaced. */
  utf8(n: number): string {
    const buf = this.buf;
    const start = this.pos;
    if (n > this.end - start) throw this.truncated();
    if (n <= CACHE_MAX) {
      let hash = n;
      let ascii = true;
      for (let i = start; i < start + n; i++) {
        const b = buf[i];
        if (b >= 0x80) {
          ascii = false;
          break;
        }
        hash = Math.imul(hash ^ b, 0x01000193);
      }
      if (ascii) {
        this.pos = start + n;
        const slot = (hash ^ (hash >>> 15)) & (CACHE_SLOTS - 1);
        if (cacheLengths[slot] === n) {
          let at = slot * CACHE_MAX;
          let i = start;
          while (i < start + n && cacheBytes[at] === buf[i]) {
            at++;
            i++;
          }
          if (i === start + n) return cacheStrings[slot];
        }
        const s = internalize(shortAscii(buf, start, n));
        cacheStrings[slot] = s;
        cacheLengths[slot] = n;
        cacheBytes.set(buf.subarray(start, start + n), slot * CACHE_MAX);
        return s;
      }
    }
    let s: string;
    try {
      s = utf8.decode(buf.subarray(start, start + n));
    } catch (e) {
      throw this.fail("malformed UTF-8 in a string", "corrupt", start, e);
    }
    this.pos = start + n;
    return s;
  }

  /** n UTF-16LE code units. */
  utf16(n: number): string {
    if (n * 2 > this.end - this.pos) throw this.truncated();
    const buf = this.buf;
    let p = this.pos;
    let s = "";
    // Chunks keep fromCharCode's argument count far below engine limits.
    const chunk: number[] = [];
    for (let i = 0; i < n; i++) {
      chunk.push(buf[p] | (buf[p + 1] << 8));
      p += 2;
      if (chunk.length === 4096) {
        s += fromCharCode.apply(null, chunk);
        chunk.length = 0;
      }
    }
    this.pos = p;
    return s + fromCharCode.apply(null, chunk);
  }
}

/** ASCII bytes to a string without TextDecoder's call overhead (keys are short). */
function shortAscii(b: Uint8Array, o: number, n: number): string {
  switch (n) {
    case 0:
      return "";
    case 1:
      return fromCharCode(b[o]);
    case 2:
      return fromCharCode(b[o], b[o + 1]);
    case 3:
      return fromCharCode(b[o], b[o + 1], b[o + 2]);
    case 4:
      return fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);
    case 5:
      return fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3], b[o + 4]);
    case 6:
      return fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3], b[o + 4], b[o + 5]);
    case 7:
      return fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3], b[o + 4], b[o + 5], b[o + 6]);
    case 8:
      return fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3], b[o + 4], b[o + 5], b[o + 6], b[o + 7]);
    default:
      return (
        fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3], b[o + 4], b[o + 5], b[o + 6], b[o + 7]) +
        shortAscii(b, o + 8, n - 8)
      );
  }
}
