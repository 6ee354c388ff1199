// Plain objects, class instance bodies and arrays. Every object is created
// fresh and stored under its id before its children are read, so that cycles
// resolve. A key that Object.prototype also has (`__proto__`, `constructor`,
// `toString`...) is defined, never assigned: assignment could hit the
// `__proto__` setter or an inherited read-only property.

import type { Decoder, Shape } from "./decoder.js";
import { ATTR_CONFIGURABLE, ATTR_DEFAULT, ATTR_ENUMERABLE, ATTR_WRITABLE, DESC_NULL_PROTO } from "./tags.js";

const ObjectPrototype = Object.prototype;
const defineProperty = Object.defineProperty;

const LAST_INDEX = 2 ** 32 - 2;

/** Shared descriptor of defineProperty calls, to avoid one allocation per property. */
const plainDescriptor: PropertyDescriptor = { value: undefined, writable: true, enumerable: true, configurable: true };

function create(proto: object | undefined): Record<string | symbol, unknown> {
  return proto === undefined ? {} : (Object.create(proto) as Record<string | symbol, unknown>);
}

/** OBJ_NEW: a key list that becomes the next shape, then the values. `proto` is set inside CLASS. */
export function readNewShape(d: Decoder, proto: object | undefined): object {
  const n = d.r.count(2, "object key count");
  const o = create(proto);
  d.objs.push(o);
  const keys: (string | symbol)[] = [];
  let assignable = true;
  for (let i = 0; i < n; i++) {
    const key = d.readKey();
    if (key in ObjectPrototype) assignable = false;
    keys.push(key);
  }
  const shape: Shape = { keys, assignable };
  d.shapes.push(shape);
  fill(d, o, shape, proto);
  return o;
}

/** FIXSHAPE / OBJ_SHAPE: an object with a known key list. */
export function readShaped(d: Decoder, id: number, proto: object | undefined): object {
  const shape = d.shapes[id];
  if (shape === undefined) throw d.r.fail(`reference to shape #${id}, only ${d.shapes.length} defined`);
  const o = create(proto);
  d.objs.push(o);
  fill(d, o, shape, proto);
  return o;
}

function fill(d: Decoder, o: Record<string | symbol, unknown>, shape: Shape, proto: object | undefined): void {
  const keys = shape.keys;
  if (shape.assignable && proto === undefined) {
    for (let i = 0; i < keys.length; i++) o[keys[i]!] = d.readValue();
    return;
  }
  // A class prototype may carry setters for these keys: define, never assign.
  for (let i = 0; i < keys.length; i++) {
    plainDescriptor.value = d.readValue();
    defineProperty(o, keys[i]!, plainDescriptor);
  }
  plainDescriptor.value = undefined;
}

/** OBJ_DESC: flags, then properties with their attributes. */
export function readDescribed(d: Decoder, proto: object | undefined): object {
  const at = d.r.pos;
  const flags = d.r.u8();
  if (flags > DESC_NULL_PROTO) throw d.r.fail(`unknown object flags 0x${flags.toString(16)}`, "corrupt", at);
  const nullProto = flags === DESC_NULL_PROTO;
  if (nullProto && proto !== undefined) throw d.r.fail("a class instance cannot have a null prototype", "corrupt", at);
  const o = nullProto ? Object.create(null) : create(proto);
  d.objs.push(o);
  readProps(d, o);
  return o;
}

/** varint n, then n x (key, attributes, value), each defined on target. */
export function readProps(d: Decoder, target: object): void {
  const n = d.r.count(3, "property count");
  for (let i = 0; i < n; i++) {
    const key = d.readKey();
    const at = d.r.pos;
    const attr = d.r.u8();
    if (attr > ATTR_DEFAULT) throw d.r.fail(`unknown property attributes 0x${attr.toString(16)}`, "corrupt", at);
    const value = d.readValue();
    try {
      defineProperty(target, key, {
        value,
        writable: (attr & ATTR_WRITABLE) !== 0,
        enumerable: (attr & ATTR_ENUMERABLE) !== 0,
        configurable: (attr & ATTR_CONFIGURABLE) !== 0,
      });
    } catch (err) {
      throw d.r.fail(`cannot define property ${String(key)}`, "corrupt", at, err);
    }
  }
}

/** FIXARRAY / ARRAY: n elements (n already checked against the bytes left). */
export function readArray(d: Decoder, n: number): unknown[] {
  const a: unknown[] = [];
  d.objs.push(a);
  for (let i = 0; i < n; i++) a.push(d.readValue());
  return a;
}

/** ARRAY_SPARSE: length, then present elements by ascending index; the rest are holes. */
export function readSparseArray(d: Decoder): unknown[] {
  const r = d.r;
  const at = r.pos;
  const length = r.varint();
  if (length > 2 ** 32 - 1) throw r.fail(`array length ${length} exceeds 2^32 - 1`, "corrupt", at);
  const n = r.count(2, "element count");
  const a: unknown[] = [];
  if (length > 4 * n + 64) {
    // A fast array given a large length allocates a backing store for all of
    // it (measured: 100 MB and 250 ms for 13 bytes of input). An element at
    // the last index first makes V8 switch the array to dictionary elements.
    a[LAST_INDEX] = undefined;
    a.length = length;
    delete a[LAST_INDEX];
  } else {
    a.length = length;
  }
  d.objs.push(a);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const indexAt = r.pos;
    const index = r.varint();
    if (index <= previous || index >= length) throw r.fail(`element index ${index} out of order or range`, "corrupt", indexAt);
    previous = index;
    plainDescriptor.value = d.readValue();
    defineProperty(a, index, plainDescriptor);
  }
  plainDescriptor.value = undefined;
  return a;
}
