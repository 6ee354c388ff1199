// A protobuf wire writer for the few shapes struct-wire.ts writes (varints, doubles, strings,
// nested messages), writing into one buffer kept between encodings. protobuf-es's BinaryWriter
// allocates a buffer, a chunk list and a stack entry per nested message; a call's arguments
// (a google.protobuf.Value list) went through it for every durable call and it was the largest
// share of making the call. The bytes are the same as protobuf-es writes (the oracle test in
// test/values/wire-oracle.test.ts compares them).
//
// A nested message gets one byte for its length when it starts; a body of 128 bytes or more is
// moved up by the extra bytes its length varint needs when it ends (rare: arguments are small).

const utf8 = new TextEncoder();
/** Float64Array writes in the host's byte order; protobuf's is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Strings up to this many UTF-16 units are written by the loop below; longer ones natively. */
const SHORT_STRING = 64;

export class WireWriter {
  buf = new Uint8Array(256);
  pos = 0;
  readonly #f64 = new Float64Array(1);
  readonly #f64bytes = new Uint8Array(this.#f64.buffer);

  /** The bytes written, copied out; the writer is empty again. */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  /** A tag or any other byte below 0x80. */
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  varint(n: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    while (n > 0x7f) {
      buf[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[pos++] = n;
    this.pos = pos;
  }

  /** Little-endian IEEE 754, as protobuf's fixed64 double. */
  double(v: number): void {
    this.ensure(8);
    this.#f64[0] = v;
    const bytes = this.#f64bytes;
    const buf = this.buf;
    const pos = this.pos;
    for (let i = 0; i < 8; i++) buf[pos + i] = bytes[LITTLE_ENDIAN ? i : 7 - i]!;
    this.pos = pos + 8;
  }

  /** A length-delimited UTF-8 string (well-formed UTF-16 in: the caller checked). */
  string(s: string): void {
    if (s.length > SHORT_STRING) {
      const bytes = utf8.encode(s);
      this.varint(bytes.length);
      this.ensure(bytes.length);
      this.buf.set(bytes, this.pos);
      this.pos += bytes.length;
      return;
    }
    let size = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) size += 1;
      else if (c < 0x800) size += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        size += 4; // a surrogate pair: one code point of four bytes
        i++;
      } else size += 3;
    }
    this.varint(size);
    this.ensure(size);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[pos++] = c;
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdbff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        buf[pos++] = 0xf0 | (c >> 18);
        buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = pos;
  }

  /** Starts a nested message after its tag; returns where its length goes (for join). */
  fork(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Ends the nested message started at `at`: writes its length there. */
  join(at: number): void {
    const length = this.pos - at - 1;
    if (length < 0x80) {
      this.buf[at] = length;
      return;
    }
    let extra = 0;
    for (let n = length >>> 7; n > 0; n >>>= 7) extra++;
    this.ensure(extra);
    const buf = this.buf;
    buf.copyWithin(at + 1 + extra, at + 1, this.pos);
    this.pos += extra;
    let n = length;
    let pos = at;
    while (n > 0x7f) {
      buf[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[pos] = n;
  }
}
