// google.protobuf.Any to bytes and back, by hand. Every call's input and every result crosses
// this boundary once or twice, and the generic reflection-based codec costs more than the rest of
// a trivial call's bookkeeping. Any has two fields (type_url = 1, value = 2); these functions
// write exactly what toBinary writes, and read anything else (unknown fields, odd ordering) with
// the generic codec, so the fast path never changes what is accepted.
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { AnySchema, type Any } from "@bufbuild/protobuf/wkt";

const utf8 = new TextEncoder();
const text = new TextDecoder();

// A program's values carry a handful of type urls, and TextEncoder/TextDecoder cost more per call
// than the rest of an Any: the urls seen last are kept as bytes and as strings. Bounded, so a
// stream of distinct urls costs a cleared cache now and then, never memory.
const URL_CACHE_SIZE = 16;
const urlBytes = new Map<string, Uint8Array>();
const recentUrls: { bytes: Uint8Array; url: string }[] = [];

function encodeUrl(url: string): Uint8Array {
  let bytes = urlBytes.get(url);
  if (bytes === undefined) {
    if (urlBytes.size >= URL_CACHE_SIZE) urlBytes.clear();
    bytes = utf8.encode(url);
    urlBytes.set(url, bytes);
  }
  return bytes;
}

function decodeUrl(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  for (let r = 0; r < recentUrls.length; r++) {
    const recent = recentUrls[r]!;
    const known = recent.bytes;
    if (known.length !== length) continue;
    // From the end: urls share their "type.googleapis.com/google.protobuf." start.
    let i = length - 1;
    while (i >= 0 && known[i] === bytes[start + i]) i--;
    if (i < 0) return recent.url;
  }
  const url = text.decode(bytes.subarray(start, end));
  if (recentUrls.length >= URL_CACHE_SIZE) recentUrls.pop();
  recentUrls.unshift({ bytes: bytes.slice(start, end), url });
  return url;
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

function writeVarint(out: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    out[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}

export function encodeAny(any: Any): Uint8Array {
  if (any.$unknown?.length) return toBinary(AnySchema, any);
  const url = any.typeUrl ? encodeUrl(any.typeUrl) : undefined;
  const value = any.value.length > 0 ? any.value : undefined;
  const size = (url ? 1 + varintSize(url.length) + url.length : 0) + (value ? 1 + varintSize(value.length) + value.length : 0);
  const out = new Uint8Array(size);
  let at = 0;
  if (url) {
    out[at++] = 0x0a;
    at = writeVarint(out, at, url.length);
    out.set(url, at);
    at += url.length;
  }
  if (value) {
    out[at++] = 0x12;
    at = writeVarint(out, at, value.length);
    out.set(value, at);
  }
  return out;
}

// Where the varint read last ended (readVarint returns its value): no tuple per field, as this
// runs for every call's input and every result.
let varintEnd = 0;

/** The varint at `at` (at most 5 bytes, within `bytes`), or -1. */
function readVarint(bytes: Uint8Array, at: number): number {
  let n = 0;
  for (let shift = 1, i = 0; i < 5 && at < bytes.length; i++, shift *= 128) {
    const b = bytes[at++]!;
    n += (b & 0x7f) * shift;
    if (b < 0x80) {
      varintEnd = at;
      return n;
    }
  }
  return -1;
}

export function decodeAny(bytes: Uint8Array): Any {
  let typeUrl = "";
  let value: Uint8Array | undefined;
  let at = 0;
  for (let field = 0; at < bytes.length && field < 2; field++) {
    const tag = bytes[at++];
    const length = readVarint(bytes, at);
    const start = varintEnd;
    if ((tag !== 0x0a && tag !== 0x12) || length < 0 || start + length > bytes.length) return fromBinary(AnySchema, bytes);
    if (tag === 0x0a) typeUrl = decodeUrl(bytes, start, start + length);
    else value = bytes.slice(start, start + length);
    at = start + length;
  }
  if (at !== bytes.length) return fromBinary(AnySchema, bytes);
  // What create(AnySchema, { typeUrl, value }) returns, without its walk over the schema.
  return { $typeName: "google.protobuf.Any", typeUrl, value: value ?? new Uint8Array(0) };
}
