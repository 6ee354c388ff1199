// JSON-like JavaScript values <-> the bytes of a google.protobuf.Value, the
// cross-language carrier for lists and objects, written and read directly on
// the wire: building Value/Struct/ListValue messages and running protobuf-es's
// reflective encoder over them costs several times more, and this runs on
// every call. Tests check these bytes against protobuf-es's own encoding.
//
// Only values that come back identical take this path; for anything else
// encodeStructValue answers undefined and the caller uses the fallback codec,
// which is exact. JSON-like means:
// - null, booleans, well-formed strings, finite numbers other than -0 (a Value
//   number is a double, but other languages and JSON have no NaN, Infinity or -0);
// - arrays with Array.prototype, no holes and no extra properties;
// - objects with Object.prototype (a null-prototype object would come back with
//   one) whose own keys are all enumerable string-keyed data properties (no
//   symbols; no getters, which would come back as snapshots);
// - no object reached twice (shared references and cycles would come back as
//   copies, or not at all);
// - at most MAX_STRUCT_DEPTH levels deep: each level is two nested messages,
//   and protobuf decoders (protobuf-es, C++, Python) stop at 100.
//
// Value: null_value = 1 (enum), number_value = 2 (double), string_value = 3,
// bool_value = 4, struct_value = 5, list_value = 6. Struct: fields = 1, a map
// whose entries are key = 1, value = 2. ListValue: values = 1.

import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { WireWriter } from "./wire-writer.js";

export const MAX_STRUCT_DEPTH = 32;
// Nesting accepted on decode, in messages, as protobuf-es and C++ accept.
const MAX_DECODE_DEPTH = 100;

const NULL_VALUE = 1;
const NUMBER_VALUE = 2;
const STRING_VALUE = 3;
const BOOL_VALUE = 4;
const STRUCT_VALUE = 5;
const LIST_VALUE = 6;

// Tags of the fields written below: (field << 3) | wire type.
const TAG_NULL = (NULL_VALUE << 3) | 0;
const TAG_NUMBER = (NUMBER_VALUE << 3) | 1;
const TAG_STRING = (STRING_VALUE << 3) | 2;
const TAG_BOOL = (BOOL_VALUE << 3) | 0;
const TAG_STRUCT = (STRUCT_VALUE << 3) | 2;
const TAG_LIST = (LIST_VALUE << 3) | 2;
const TAG_ITEM = (1 << 3) | 2; // ListValue.values, Struct.fields and a map entry's key
const TAG_ENTRY_VALUE = (2 << 3) | 2;

// One writer and one set of seen objects, kept between encodings: this runs for every durable
// call's arguments. An encoding started while one is under way (a proxy's trap that encodes a
// value) gets its own.
const shared = { writer: new WireWriter(), seen: new Set<object>(), busy: false };

/** The bytes of a google.protobuf.Value for a JSON-like value, or undefined when it is not JSON-like. */
export function encodeStructValue(value: unknown): Uint8Array | undefined {
  if (shared.busy) {
    const writer = new WireWriter();
    return writeValue(writer, value, 0, new Set()) ? writer.finish() : undefined;
  }
  shared.busy = true;
  const { writer, seen } = shared;
  try {
    return writeValue(writer, value, 0, seen) ? writer.finish() : undefined;
  } finally {
    writer.pos = 0;
    seen.clear();
    shared.busy = false;
  }
}

// Writes the fields of one Value; false (with the writer left unusable) when
// the value is not JSON-like.
function writeValue(w: WireWriter, value: unknown, depth: number, seen: Set<object>): boolean {
  switch (typeof value) {
    case "boolean":
      w.byte(TAG_BOOL);
      w.byte(value ? 1 : 0);
      return true;
    case "number":
      if (!Number.isFinite(value) || Object.is(value, -0)) return false;
      w.byte(TAG_NUMBER);
      w.double(value);
      return true;
    case "string":
      if (!isWellFormed(value)) return false;
      w.byte(TAG_STRING);
      w.string(value);
      return true;
    case "object":
      if (value === null) {
        w.byte(TAG_NULL);
        w.byte(0);
        return true;
      }
      if (depth >= MAX_STRUCT_DEPTH || seen.has(value)) return false;
      seen.add(value);
      return Array.isArray(value) ? writeList(w, value, depth, seen) : writeStruct(w, value, depth, seen);
    default:
      return false;
  }
}

function writeList(w: WireWriter, array: unknown[], depth: number, seen: Set<object>): boolean {
  if (Object.getPrototypeOf(array) !== Array.prototype) return false;
  // Own keys are the indices plus "length": anything more is an extra property.
  if (Reflect.ownKeys(array).length !== array.length + 1) return false;
  w.byte(TAG_LIST);
  const list = w.fork();
  for (let i = 0; i < array.length; i++) {
    if (!Object.hasOwn(array, i)) return false; // a hole
    w.byte(TAG_ITEM);
    const item = w.fork();
    if (!writeValue(w, array[i], depth + 1, seen)) return false;
    w.join(item);
  }
  w.join(list);
  return true;
}

function writeStruct(w: WireWriter, object: object, depth: number, seen: Set<object>): boolean {
  if (Object.getPrototypeOf(object) !== Object.prototype) return false;
  w.byte(TAG_STRUCT);
  const struct = w.fork();
  for (const key of Reflect.ownKeys(object)) {
    if (typeof key === "symbol" || !isWellFormed(key)) return false;
    const descriptor = Object.getOwnPropertyDescriptor(object, key)!;
    if (!descriptor.enumerable || !("value" in descriptor)) return false;
    // fields = 1: an entry { key = 1; value = 2 }
    w.byte(TAG_ITEM);
    const entry = w.fork();
    w.byte(TAG_ITEM);
    w.string(key);
    w.byte(TAG_ENTRY_VALUE);
    const inner = w.fork();
    if (!writeValue(w, descriptor.value, depth + 1, seen)) return false;
    w.join(inner);
    w.join(entry);
  }
  w.join(struct);
  return true;
}

/** The JavaScript value of the bytes of a google.protobuf.Value. Throws on malformed bytes. */
export function decodeStructValue(bytes: Uint8Array): unknown {
  const fast = readSimpleValue(bytes);
  if (fast !== NOT_SIMPLE) return fast;
  const reader = new BinaryReader(bytes);
  return readValue(reader, reader.len, 1);
}

// A reader for what encodeStructValue writes when the value is small and plain: every call's
// arguments come through here, and protobuf-es's BinaryReader (a DataView and a tag tuple per
// field) cost more than the value. It reads only a Value holding one kind: a number, true or
// false, null, an ASCII string, or a list of those; anything else (non-ASCII text, objects,
// nesting, unknown fields, repeated kinds, multi-byte lengths, truncation) answers NOT_SIMPLE
// and the general reader below decodes the bytes, so what is accepted, and how, does not change.
const NOT_SIMPLE = Symbol("not simple");
const f64 = new Float64Array(1);
const f64bytes = new Uint8Array(f64.buffer);
const MAX_SIMPLE_STRING = 32;
/** Float64Array reads in the host's byte order; protobuf's is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The scalar whose Value fields span [at, end), or NOT_SIMPLE. */
function readSimpleScalar(bytes: Uint8Array, at: number, end: number): unknown {
  const tag = bytes[at];
  switch (tag) {
    case TAG_NUMBER:
      if (at + 9 !== end) return NOT_SIMPLE;
      for (let i = 0; i < 8; i++) f64bytes[LITTLE_ENDIAN ? i : 7 - i] = bytes[at + 1 + i]!;
      return f64[0];
    case TAG_BOOL:
    case TAG_NULL: {
      const b = bytes[at + 1]!;
      if (at + 2 !== end || b >= 0x80) return NOT_SIMPLE;
      return tag === TAG_NULL ? null : b !== 0;
    }
    case TAG_STRING: {
      const length = bytes[at + 1]!;
      if (length > MAX_SIMPLE_STRING || at + 2 + length !== end) return NOT_SIMPLE;
      let text = "";
      for (let i = at + 2; i < end; i++) {
        const c = bytes[i]!;
        if (c >= 0x80) return NOT_SIMPLE;
        text += String.fromCharCode(c);
      }
      return text;
    }
    default:
      return NOT_SIMPLE;
  }
}

function readSimpleValue(bytes: Uint8Array): unknown {
  const end = bytes.length;
  if (end < 2) return NOT_SIMPLE;
  if (bytes[0] !== TAG_LIST) return readSimpleScalar(bytes, 0, end);
  // list_value: one length byte, then items { tag, one length byte, scalar Value }.
  if (bytes[1]! >= 0x80 || 2 + bytes[1]! !== end) return NOT_SIMPLE;
  const list: unknown[] = [];
  let at = 2;
  while (at < end) {
    if (bytes[at] !== TAG_ITEM || at + 1 >= end) return NOT_SIMPLE;
    const length = bytes[at + 1]!;
    const itemEnd = at + 2 + length;
    if (length >= 0x80 || length === 0 || itemEnd > end) return NOT_SIMPLE;
    const item = readSimpleScalar(bytes, at + 2, itemEnd);
    if (item === NOT_SIMPLE) return NOT_SIMPLE;
    list.push(item);
    at = itemEnd;
  }
  return list;
}

/** The object of the bytes of a google.protobuf.Struct. */
export function decodeStruct(bytes: Uint8Array): Record<string, unknown> {
  const reader = new BinaryReader(bytes);
  return readStruct(reader, reader.len, 1);
}

/** The array of the bytes of a google.protobuf.ListValue. */
export function decodeList(bytes: Uint8Array): unknown[] {
  const reader = new BinaryReader(bytes);
  return readList(reader, reader.len, 1);
}

function readValue(r: BinaryReader, end: number, depth: number): unknown {
  if (depth > MAX_DECODE_DEPTH) throw new Error(`nested deeper than ${MAX_DECODE_DEPTH} messages`);
  let value: unknown;
  let kindSet = false;
  while (r.pos < end) {
    const [field, wireType] = r.tag();
    switch (field) {
      case NULL_VALUE:
        expectWireType(field, wireType, WireType.Varint);
        r.int32();
        value = null;
        break;
      case NUMBER_VALUE:
        expectWireType(field, wireType, WireType.Bit64);
        value = r.double();
        break;
      case STRING_VALUE:
        expectWireType(field, wireType, WireType.LengthDelimited);
        value = r.string();
        break;
      case BOOL_VALUE:
        expectWireType(field, wireType, WireType.Varint);
        value = r.bool();
        break;
      case STRUCT_VALUE:
        expectWireType(field, wireType, WireType.LengthDelimited);
        value = readStruct(r, subEnd(r, end), depth + 1);
        break;
      case LIST_VALUE:
        expectWireType(field, wireType, WireType.LengthDelimited);
        value = readList(r, subEnd(r, end), depth + 1);
        break;
      default:
        r.skip(wireType, field); // unknown fields are skipped, as protobuf requires
        continue;
    }
    kindSet = true; // the last member of the oneof wins
  }
  checkEnd(r, end);
  if (!kindSet) throw new Error("google.protobuf.Value has no kind set");
  return value;
}

function readList(r: BinaryReader, end: number, depth: number): unknown[] {
  const list: unknown[] = [];
  while (r.pos < end) {
    const [field, wireType] = r.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) {
      list.push(readValue(r, subEnd(r, end), depth + 1));
    } else {
      r.skip(wireType, field);
    }
  }
  checkEnd(r, end);
  return list;
}

function readStruct(r: BinaryReader, end: number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (r.pos < end) {
    const [field, wireType] = r.tag();
    if (field !== 1 || wireType !== WireType.LengthDelimited) {
      r.skip(wireType, field);
      continue;
    }
    const entryEnd = subEnd(r, end);
    let key = "";
    let value: unknown;
    let valueSet = false;
    while (r.pos < entryEnd) {
      const [entryField, entryWireType] = r.tag();
      if (entryField === 1 && entryWireType === WireType.LengthDelimited) {
        key = r.string();
      } else if (entryField === 2 && entryWireType === WireType.LengthDelimited) {
        value = readValue(r, subEnd(r, entryEnd), depth + 2);
        valueSet = true;
      } else {
        r.skip(entryWireType, entryField);
      }
    }
    checkEnd(r, entryEnd);
    // A map entry without a value holds an empty Value, which has no kind.
    if (!valueSet) throw new Error("google.protobuf.Value has no kind set");
    setOwn(out, key, value); // a repeated key: the last one wins, as in protobuf maps
  }
  checkEnd(r, end);
  return out;
}

// Reads a length prefix; the end of the nested message, which must lie within its parent.
function subEnd(r: BinaryReader, parentEnd: number): number {
  const length = r.uint32();
  const end = r.pos + length;
  if (end > parentEnd) throw new RangeError("premature EOF");
  return end;
}

function checkEnd(r: BinaryReader, end: number): void {
  if (r.pos !== end) throw new RangeError("premature EOF");
}

export function expectWireType(field: number, got: WireType, expected: WireType): void {
  if (got !== expected) throw new Error(`field ${field} has wire type ${got}, expected ${expected}`);
}

// An own "__proto__" key, as JSON.parse makes it: assigning it would set the
// object's prototype instead.
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

// String.prototype.isWellFormed (Node 20) is newer than the ES2023 library typings.
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}
