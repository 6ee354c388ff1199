// Bodies of the copied built-ins (also used, after a registered constructor
// or prototype, for instances of classes that extend them: encode-instances.ts).
// Internal state is read with the built-ins' own prototype getters, so an own
// property that shadows `source` or `buffer` cannot mislead the encoder.

import { types } from "node:util";
import {
  errorKindOf, hasBrand, K_ARRAY_BUFFER, K_BOXED, K_DATE, K_ERROR, K_MAP, K_NODE_BUFFER, K_REGEXP, K_SET,
  K_URL, K_VIEW, urlHref, viewKindOf,
} from "./builtin-kinds.js";
import { scanProps, writeIntegrity, writeScanned } from "./encode-objects.js";
import type { Encoder } from "./encoder.js";
import {
  ARRAY_BUFFER, ARRAY_BUFFER_RESIZABLE, ATTR_CONFIGURABLE, ATTR_DEFAULT, ATTR_WRITABLE, BOXED, DATE, ERROR,
  EXTRA, MAP, NODE_BUFFER, REGEXP, SET, URL_HREF, VIEW,
} from "./tags.js";
import { SEG_MAP_KEY, SEG_MAP_VALUE, SEG_SET_MEMBER, SEG_TEXT } from "./value-path.js";

const getter = (proto: object, key: string | symbol) => Object.getOwnPropertyDescriptor(proto, key)!.get!;
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const taBuffer = getter(typedArrayPrototype, "buffer");
const taOffset = getter(typedArrayPrototype, "byteOffset");
const taLength = getter(typedArrayPrototype, "length");
const dvBuffer = getter(DataView.prototype, "buffer");
const dvOffset = getter(DataView.prototype, "byteOffset");
const dvLength = getter(DataView.prototype, "byteLength");
const abResizable = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "resizable")?.get;
const abMaxLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "maxByteLength")?.get;
const reSource = getter(RegExp.prototype, "source");
// Taken now, not looked up on the value: an own `forEach` or `size` (or a
// patched prototype) would otherwise be user code the encoder runs.
const mapSize = getter(Map.prototype, "size") as (this: Map<unknown, unknown>) => number;
const mapForEach = Map.prototype.forEach;
const setSize = getter(Set.prototype, "size") as (this: Set<unknown>) => number;
const setForEach = Set.prototype.forEach;
const dateTime = Date.prototype.getTime;
// Flags one by one through their own getters: the `flags` getter reads them
// with ordinary property gets, which own properties could shadow.
const reFlags: [string, () => unknown][] = (
  [["d", "hasIndices"], ["g", "global"], ["i", "ignoreCase"], ["m", "multiline"], ["s", "dotAll"],
    ["u", "unicode"], ["v", "unicodeSets"], ["y", "sticky"]] as const
)
  .filter(([, name]) => Object.getOwnPropertyDescriptor(RegExp.prototype, name)?.get !== undefined)
  .map(([flag, name]) => [flag, getter(RegExp.prototype, name) as () => unknown]);

/** Writes v as the built-in `kind`; false if v only borrows that built-in's prototype. */
export function writeBuiltin(e: Encoder, v: object, kind: number): boolean {
  if (!hasBrand(v, kind)) return false;
  if (kind === K_ERROR) {
    writeIntegrity(e, v);
    writeErrorBody(e, v, errorKindOf(Object.getPrototypeOf(v) as object), undefined);
  } else {
    writeIntegrity(e, v);
    writeBuiltinBody(e, v, kind);
  }
  return true;
}

/** Own properties a built-in carries beside its internal state, written after it as EXTRA. */
function extraKeys(v: object, kind: number): (string | symbol)[] {
  // Typed arrays and Buffers list every index as a key: not checked (docs/CODEC.md).
  if (kind === K_VIEW && !types.isDataView(v)) return [];
  if (kind === K_NODE_BUFFER) return [];
  const keys = builtinOwnKeys(v);
  if (keys.length === 0) return keys;
  if (kind === K_REGEXP) return keys.filter((k) => k !== "lastIndex");
  if (types.isStringObject(v)) {
    const n = String.prototype.valueOf.call(v).length;
    return keys.filter((k) => k !== "length" && !(typeof k === "string" && isIndexBelow(k, n)));
  }
  return keys;
}

/**
 * Own keys of a built-in (strings, then symbols), in one call: V8 has no key
 * cache for objects like Maps and Dates, so getOwnPropertyNames is as slow as
 * Reflect.ownKeys there and getOwnPropertySymbols came on top (measured: 4-5%
 * of encoding the codec bench's tree). Plain objects keep the two calls, which
 * are faster for them.
 */
function builtinOwnKeys(v: object): (string | symbol)[] {
  return Reflect.ownKeys(v);
}

function isIndexBelow(k: string, n: number): boolean {
  const i = Number(k);
  return Number.isInteger(i) && i >= 0 && i < n && String(i) === k;
}

export function writeBuiltinBody(e: Encoder, v: object, kind: number): void {
  const extra = extraKeys(v, kind);
  const base = e.sp;
  if (extra.length > 0) {
    scanProps(e, v, extra, ATTR_DEFAULT);
    e.w.u8(EXTRA);
  }
  e.claim(v);
  const w = e.w;
  const d = e.depth;
  switch (kind) {
    case K_MAP: {
      const m = v as Map<unknown, unknown>;
      const size = mapSize.call(m);
      w.tagVarint(MAP, size);
      let written = 0;
      mapForEach.call(m, (value, key) => {
        e.kinds[d] = SEG_MAP_KEY;
        e.writeValue(key);
        e.kinds[d] = SEG_MAP_VALUE;
        e.keys[d] = key;
        e.writeValue(value);
        written++;
      });
      if (written !== size || size !== mapSize.call(m)) throw e.refuse({ what: "Map", reason: "it changed while being serialized" });
      break;
    }
    case K_SET: {
      const s = v as Set<unknown>;
      const size = setSize.call(s);
      w.tagVarint(SET, size);
      let written = 0;
      e.kinds[d] = SEG_SET_MEMBER;
      setForEach.call(s, (member) => {
        e.writeValue(member);
        written++;
      });
      if (written !== size || size !== setSize.call(s)) throw e.refuse({ what: "Set", reason: "it changed while being serialized" });
      break;
    }
    case K_DATE:
      w.u8(DATE);
      e.writeNumber(dateTime.call(v as Date));
      break;
    case K_REGEXP: {
      w.u8(REGEXP);
      e.writeString(reSource.call(v) as string);
      let flags = "";
      for (const [flag, get] of reFlags) if (get.call(v)) flags += flag;
      e.writeString(flags);
      e.kinds[d] = SEG_TEXT;
      e.keys[d] = ".lastIndex";
      e.writeValue((v as RegExp).lastIndex); // an own data property, never an accessor
      break;
    }
    case K_ARRAY_BUFFER:
      writeArrayBuffer(e, v as ArrayBuffer);
      break;
    case K_VIEW: {
      const isDataView = types.isDataView(v);
      w.u8(VIEW);
      w.u8(viewKindOf(v));
      e.kinds[d] = SEG_TEXT;
      e.keys[d] = ".buffer";
      e.writeValue((isDataView ? dvBuffer : taBuffer).call(v));
      w.varint((isDataView ? dvOffset : taOffset).call(v) as number);
      w.varint((isDataView ? dvLength : taLength).call(v) as number);
      break;
    }
    case K_NODE_BUFFER: {
      const b = v as Uint8Array;
      w.tagVarint(NODE_BUFFER, b.length);
      w.bytes(b);
      break;
    }
    case K_BOXED:
      w.u8(BOXED);
      e.kinds[d] = SEG_TEXT;
      e.keys[d] = ".valueOf()";
      e.writeValue(unbox(v));
      break;
    case K_URL:
      w.u8(URL_HREF);
      e.writeString(urlHref(v)!);
      break;
  }
  if (extra.length > 0) writeScanned(e, extra, base);
  e.sp = base;
}

function writeArrayBuffer(e: Encoder, b: ArrayBuffer): void {
  const bytes = new Uint8Array(b);
  if (abResizable?.call(b) === true) {
    const max = abMaxLength!.call(b) as number;
    if (max > e.limits.maxBytes) {
      throw e.limit(b, `a resizable ArrayBuffer of up to ${max} bytes exceeds limits.maxBytes (${e.limits.maxBytes})`);
    }
    e.w.tagVarint(ARRAY_BUFFER_RESIZABLE, bytes.length);
    e.w.varint(max);
  } else {
    e.w.tagVarint(ARRAY_BUFFER, bytes.length);
  }
  e.w.bytes(bytes);
}

function unbox(v: object): unknown {
  if (types.isNumberObject(v)) return Number.prototype.valueOf.call(v);
  if (types.isStringObject(v)) return String.prototype.valueOf.call(v);
  if (types.isBooleanObject(v)) return Boolean.prototype.valueOf.call(v);
  if (types.isBigIntObject(v)) return BigInt.prototype.valueOf.call(v);
  return Symbol.prototype.valueOf.call(v);
}

/** ERROR kind, then every own property with its attributes (stack, message, cause, errors...). */
export function writeErrorBody(e: Encoder, v: object, kind: number, name: string | undefined): void {
  const keys = builtinOwnKeys(v);
  const base = e.sp;
  scanProps(e, v, keys, ATTR_DEFAULT);
  if (name !== undefined) {
    keys.push("name");
    e.vals[e.sp] = name;
    e.attrs[e.sp++] = ATTR_WRITABLE | ATTR_CONFIGURABLE;
  }
  e.claim(v);
  e.w.u8(ERROR);
  e.w.u8(kind);
  writeScanned(e, keys, base);
  e.sp = base;
}
