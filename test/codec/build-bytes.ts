// Hand-built encodings for tests of the decoder on bytes no encoder writes.
import { FIXSTR, FORMAT_VERSION, STR } from "./tags.js";

export * from "./tags.js";

/** The format version byte, then the given parts (numbers are bytes, arrays are spliced). */
export function bytes(...parts: (number | number[])[]): Uint8Array {
  return new Uint8Array([FORMAT_VERSION, ...parts.flat()]);
}

export function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/** A new string: FIXSTR for short ASCII, else STR. */
export function str(s: string): number[] {
  const utf8 = [...Buffer.from(s, "utf8")];
  if (utf8.length < 32 && /^[\x00-\x7f]*$/.test(s)) return [FIXSTR + utf8.length, ...utf8];
  return [STR, ...varint(utf8.length), ...utf8];
}
