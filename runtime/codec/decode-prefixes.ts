// The prefixes that modify a fresh body: CLASS (a registered constructor's
// prototype), PROTO (a registered object as prototype), EXTRA (own properties
// of a built-in), INTEGRITY (freeze, seal, preventExtensions), and DURABLE (a
// registered class's fromDurable revives toDurable's value). A prefix accepts
// only a fresh body after it, never a reference, so hostile bytes cannot reach
// an existing object (a module singleton) to add properties, freeze it or
// change its prototype.

import type { Decoder } from "./decoder.js";
import { readDescribed, readNewShape, readProps, readShaped } from "./decode-objects.js";
import {
  CLASS, EXTRA, FIXSHAPE, FIXSHAPE_MAX, INTEGRITY_FROZEN, INTEGRITY_NON_EXTENSIBLE, INTEGRITY_SEALED,
  isFreshBody, OBJ_DESC, OBJ_NEW, OBJ_SHAPE, PROTO,
} from "./tags.js";

function isObjectBody(tag: number): boolean {
  return (tag >= FIXSHAPE && tag <= FIXSHAPE_MAX) || tag === OBJ_NEW || tag === OBJ_SHAPE || tag === OBJ_DESC;
}

/** CLASS: a registered constructor, then a fresh body that gets its prototype. */
export function readClass(d: Decoder): object {
  const at = d.r.pos;
  return readBody(d, prototypeOf(d, d.readValue(), at));
}

/** PROTO: a prototype object (a registered binding), then a fresh body that gets it. */
export function readProto(d: Decoder): object {
  const at = d.r.pos;
  const proto = d.readValue();
  if ((typeof proto !== "object" && typeof proto !== "function") || proto === null) {
    throw d.r.fail("a prototype is not an object", "corrupt", at);
  }
  return readBody(d, proto);
}

function readBody(d: Decoder, proto: object): object {
  const tagAt = d.r.pos;
  const tag = d.r.u8();
  if (isObjectBody(tag)) {
    if (tag === OBJ_NEW) return readNewShape(d, proto);
    if (tag === OBJ_SHAPE) return readShaped(d, d.r.varint(), proto);
    if (tag === OBJ_DESC) return readDescribed(d, proto);
    return readShaped(d, tag - FIXSHAPE, proto);
  }
  if (!isFreshBody(tag) && tag !== EXTRA) throw d.r.fail("a class instance needs a fresh body", "corrupt", tagAt);
  const v = d.dispatch(tag) as object;
  Object.setPrototypeOf(v, proto);
  return v;
}

function prototypeOf(d: Decoder, ctor: unknown, at: number): object {
  if (typeof ctor !== "function") throw d.r.fail("a class constructor is not a function", "corrupt", at);
  // A data property read: no getter of the constructor runs.
  const proto: unknown = Object.getOwnPropertyDescriptor(ctor, "prototype")?.value;
  if (typeof proto !== "object" || proto === null) {
    throw d.r.fail(`${ctor.name || "a constructor"} has no prototype object`, "corrupt", at);
  }
  return proto;
}

/** DURABLE: a registered constructor and its toDurable() data, revived by its fromDurable(). */
export function readDurable(d: Decoder): object {
  const at = d.r.pos;
  const ctor = d.readValue();
  if (typeof ctor !== "function") throw d.r.fail("a class constructor is not a function", "corrupt", at);
  const slot = d.reserve();
  const data = d.readValue();
  const name = ctor.name || "class";
  const fromDurable: unknown = (ctor as { fromDurable?: unknown }).fromDurable;
  if (typeof fromDurable !== "function") throw d.r.fail(`${name} has no static fromDurable()`, "incompatible", at);
  let v: unknown;
  try {
    v = fromDurable.call(ctor, data);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw d.r.fail(`${name}.fromDurable() threw: ${reason}`, "incompatible", at, err);
  }
  if ((typeof v !== "object" || v === null) && typeof v !== "function") {
    throw d.r.fail(`${name}.fromDurable() returned a ${v === null ? "null" : typeof v}`, "corrupt", at);
  }
  d.objs[slot] = v;
  return v;
}

/** EXTRA: a fresh built-in body, then own properties defined on it. */
export function readExtra(d: Decoder): object {
  const at = d.r.pos;
  const tag = d.r.u8();
  if (!isFreshBody(tag)) throw d.r.fail("extra properties need a fresh body", "corrupt", at);
  const v = d.dispatch(tag) as object;
  readProps(d, v);
  return v;
}

/** INTEGRITY: a level, then a fresh body (possibly CLASS or EXTRA) to freeze, seal or close. */
export function readIntegrity(d: Decoder): object {
  const at = d.r.pos;
  const level = d.r.u8();
  if (level < INTEGRITY_NON_EXTENSIBLE || level > INTEGRITY_FROZEN) throw d.r.fail(`unknown integrity level ${level}`, "corrupt", at);
  const tagAt = d.r.pos;
  const tag = d.r.u8();
  if (!isFreshBody(tag) && tag !== CLASS && tag !== PROTO && tag !== EXTRA) {
    throw d.r.fail("integrity needs a fresh body", "corrupt", tagAt);
  }
  const v = d.dispatch(tag) as object;
  if (level === INTEGRITY_FROZEN) Object.freeze(v);
  else if (level === INTEGRITY_SEALED) Object.seal(v);
  else Object.preventExtensions(v);
  return v;
}
