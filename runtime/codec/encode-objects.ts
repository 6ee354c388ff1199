// Bodies of plain objects, class instances and arrays. Own properties are read
// through their descriptors (a getter is refused, never called) onto the
// encoder's scratch stack, then written either as a shape (a key list written
// once per encoding, then referenced by number) or, when some property has
// unusual attributes or the prototype is null, as a described list.

import { types } from "node:util";
import type { Encoder } from "./encoder.js";
import {
  ARRAY, ARRAY_SPARSE, ATTR_CONFIGURABLE, ATTR_DEFAULT, ATTR_ENUMERABLE, ATTR_WRITABLE,
  DESC_NULL_PROTO, EXTRA, FIXARRAY, FIXSHAPE, INTEGRITY, INTEGRITY_FROZEN,
  INTEGRITY_NON_EXTENSIBLE, INTEGRITY_SEALED, OBJ_DESC, OBJ_NEW, OBJ_SHAPE,
} from "./tags.js";
import { SEG_INDEX, SEG_PROP } from "./value-path.js";

const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const getOwnPropertyNames = Object.getOwnPropertyNames;
const getOwnPropertySymbols = Object.getOwnPropertySymbols;

const ACCESSOR = {
  what: "accessor property",
  reason: "getters and setters are never invoked; store a plain data value instead",
};

/** Own string keys then symbol keys, in property order (one array, ours to keep). */
export function ownKeys(v: object): (string | symbol)[] {
  const keys: (string | symbol)[] = getOwnPropertyNames(v);
  const symbols = getOwnPropertySymbols(v);
  for (let i = 0; i < symbols.length; i++) keys.push(symbols[i]!);
  return keys;
}

/**
 * Writes INTEGRITY for a non-extensible object and returns the attributes its
 * properties get from freeze/seal anyway, which then need not be written.
 */
export function writeIntegrity(e: Encoder, v: object): number {
  if (Object.isExtensible(v)) return ATTR_DEFAULT;
  e.w.u8(INTEGRITY);
  const level = integrityLevel(v);
  e.w.u8(level);
  if (level === INTEGRITY_FROZEN) return ATTR_ENUMERABLE;
  if (level === INTEGRITY_SEALED) return ATTR_ENUMERABLE | ATTR_WRITABLE;
  return ATTR_DEFAULT;
}

/**
 * Frozen, sealed or only non-extensible, from the descriptors themselves:
 * V8's Object.isFrozen answers true for a non-extensible empty array whose
 * length is still writable (and isSealed alike for internal properties).
 */
function integrityLevel(v: object): number {
  if (ArrayBuffer.isView(v)) {
    // Typed arrays list every index; their elements cannot be frozen anyway.
    return Object.isFrozen(v) ? INTEGRITY_FROZEN : Object.isSealed(v) ? INTEGRITY_SEALED : INTEGRITY_NON_EXTENSIBLE;
  }
  let frozen = true;
  for (const key of Reflect.ownKeys(v)) {
    const d = getOwnPropertyDescriptor(v, key)!;
    if (d.configurable) return INTEGRITY_NON_EXTENSIBLE;
    if (d.writable) frozen = false;
  }
  return frozen ? INTEGRITY_FROZEN : INTEGRITY_SEALED;
}

/**
 * Pushes the values and attributes of keys[from..] onto the scratch stack.
 * Returns true if every attribute equals `expected`.
 */
export function scanProps(
  e: Encoder,
  v: object,
  keys: readonly (string | symbol)[],
  expected: number,
  from = 0,
  to = keys.length,
): boolean {
  let usual = true;
  const vals = e.vals;
  const attrs = e.attrs;
  let sp = e.sp;
  for (let i = from; i < to; i++) {
    const key = keys[i]!;
    const d = getOwnPropertyDescriptor(v, key)!;
    let value: unknown = d.value;
    let attr = (d.enumerable ? ATTR_ENUMERABLE : 0) | (d.configurable ? ATTR_CONFIGURABLE : 0);
    if (d.writable === undefined) {
      // An error's stack may be V8's own accessor; its getter is not user code.
      if (key !== "stack" || !isErrorStack(v, d)) throw refuseAccessor(e, key);
      value = Reflect.get(v, key);
      attr |= ATTR_WRITABLE;
    } else if (d.writable) {
      attr |= ATTR_WRITABLE;
    }
    if (attr !== expected) usual = false;
    vals[sp] = value;
    attrs[sp++] = attr;
  }
  e.sp = sp;
  return usual;
}

function isErrorStack(v: object, d: PropertyDescriptor): boolean {
  return types.isNativeError(v) && d.get !== undefined && /\[native code\]/.test(Function.prototype.toString.call(d.get));
}

function refuseAccessor(e: Encoder, key: string | symbol) {
  const d = e.depth;
  e.kinds[d] = SEG_PROP;
  e.keys[d] = key;
  return e.refuse(ACCESSOR, d);
}

/** A plain object (prototype Object.prototype or null). */
export function writePlainObject(e: Encoder, v: object, proto: object | null): void {
  const expected = writeIntegrity(e, v);
  writeObjectBody(e, v, proto === null, expected);
}

/** Own properties as a shape, or as a described list. */
export function writeObjectBody(e: Encoder, v: object, nullProto: boolean, expected: number): void {
  const keys = ownKeys(v);
  const base = e.sp;
  const usual = scanProps(e, v, keys, expected) && !nullProto;
  e.claim(v);
  const w = e.w;
  if (usual) {
    writeShape(e, keys);
    const d = e.depth;
    e.kinds[d] = SEG_PROP;
    for (let i = 0; i < keys.length; i++) {
      e.keys[d] = keys[i];
      e.writeValue(e.vals[base + i]);
    }
  } else {
    w.u8(OBJ_DESC);
    w.u8(nullProto ? DESC_NULL_PROTO : 0);
    writeScanned(e, keys, base);
  }
  e.sp = base;
}

/** varint n, then n x (key, attributes, value) from the scratch stack at base. */
export function writeScanned(e: Encoder, keys: readonly (string | symbol)[], base: number, from = 0): void {
  const n = keys.length - from;
  e.w.varint(n);
  const d = e.depth;
  for (let i = 0; i < n; i++) {
    const key = keys[from + i]!;
    writeKey(e, key);
    e.w.u8(e.attrs[base + i]!);
    e.kinds[d] = SEG_PROP;
    e.keys[d] = key;
    e.writeValue(e.vals[base + i]);
  }
}

export function writeKey(e: Encoder, key: string | symbol): void {
  if (typeof key === "string") e.writeString(key);
  else e.writeSymbol(key);
}

function writeShape(e: Encoder, keys: readonly (string | symbol)[]): void {
  const id = e.shapes.lookup(keys);
  if (id >= 0) {
    if (id < 32) e.w.u8(FIXSHAPE + id);
    else e.w.tagVarint(OBJ_SHAPE, id);
    return;
  }
  e.w.tagVarint(OBJ_NEW, keys.length);
  for (let i = 0; i < keys.length; i++) writeKey(e, keys[i]!);
}

export function writeArray(e: Encoder, a: unknown[]): void {
  writeIntegrity(e, a);
  writeArrayBody(e, a);
}

/**
 * Dense arrays without other own properties take the fast path; holes and
 * extra named or symbol properties take the general one. Object.keys is the
 * check: getOwnPropertyNames, which would also see non-enumerable extras,
 * costs 3.3x as much on small arrays (docs/CODEC.md).
 */
export function writeArrayBody(e: Encoder, a: unknown[]): void {
  const len = a.length;
  const keys = Object.keys(a);
  if (keys.length === len && (len === 0 || keys[len - 1] === String(len - 1)) && getOwnPropertySymbols(a).length === 0) {
    e.claim(a);
    if (len <= 15) e.w.u8(FIXARRAY + len);
    else e.w.tagVarint(ARRAY, len);
    const d = e.depth;
    e.kinds[d] = SEG_INDEX;
    for (let i = 0; i < len; i++) {
      e.keys[d] = i;
      e.writeValue(a[i]);
    }
    return;
  }
  writeIrregularArray(e, a, getOwnPropertyNames(a));
}

function writeIrregularArray(e: Encoder, a: unknown[], names: string[]): void {
  const len = a.length;
  const lengthAt = names.indexOf("length");
  const extra: (string | symbol)[] = names.slice(lengthAt + 1);
  const symbols = getOwnPropertySymbols(a);
  for (let i = 0; i < symbols.length; i++) extra.push(symbols[i]!);
  const base = e.sp;
  scanProps(e, a, extra, ATTR_DEFAULT);
  const elements = e.sp;
  // Indices are own properties too: on this rare path they are read through
  // descriptors, so an index accessor is refused rather than invoked.
  scanProps(e, a, names, ATTR_DEFAULT, 0, lengthAt);
  if (extra.length > 0) e.w.u8(EXTRA);
  e.claim(a);
  const d = e.depth;
  e.kinds[d] = SEG_INDEX;
  if (lengthAt === len) {
    e.w.tagVarint(ARRAY, len);
    for (let i = 0; i < len; i++) {
      e.keys[d] = i;
      e.writeValue(e.vals[elements + i]);
    }
  } else {
    e.w.tagVarint(ARRAY_SPARSE, len);
    e.w.varint(lengthAt);
    for (let i = 0; i < lengthAt; i++) {
      const index = Number(names[i]);
      e.w.varint(index);
      e.keys[d] = index;
      e.writeValue(e.vals[elements + i]);
    }
  }
  if (extra.length > 0) writeScanned(e, extra, base);
  e.sp = base;
}
