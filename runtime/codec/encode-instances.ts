// Objects whose class is not a built-in and that no extension took: instances
// of a registered class (CLASS: the constructor, then the body of the built-in
// the class extends), objects whose prototype is itself registered (PROTO, as
// Object.create(moduleLevelObject) makes), classes with toDurable/fromDurable
// (DURABLE), and errors of unregistered classes (copied as their built-in base).

import { types } from "node:util";
import { builtinBase, errorKindOf, hasBrand, K_ARRAY, K_ERROR, K_PLAIN, K_REFUSED } from "./builtin-kinds.js";
import { constructorOf, describeUnsupported, functionName } from "./describe-unsupported.js";
import { writeBuiltinBody, writeErrorBody } from "./encode-builtins.js";
import { writeArrayBody, writeIntegrity, writeObjectBody } from "./encode-objects.js";
import type { Encoder } from "./encoder.js";
import { CLASS, DURABLE, ERROR_KINDS, PROTO } from "./tags.js";
import { SEG_TEXT } from "./value-path.js";

const PLATFORM =
  "instances of this built-in class keep internal state that cannot be copied; store plain data instead (its string form, for example)";

/** An object whose class is not a built-in and that no extension took. */
export function writeInstance(e: Encoder, v: object, proto: object | null): void {
  const refOf = e.refOf;
  const ctor = constructorOf(proto);
  if (ctor !== undefined && refOf?.(ctor) !== undefined) {
    const durable = ctor as Function & { fromDurable?: unknown };
    if (typeof durable.fromDurable === "function" && typeof (v as { toDurable?: unknown }).toDurable === "function") {
      return writeDurable(e, v, ctor);
    }
    return writeWithPrototype(e, v, proto, CLASS, ctor, `instance of class ${functionName(ctor)}`);
  }
  if (proto !== null && refOf?.(proto) !== undefined) {
    return writeWithPrototype(e, v, proto, PROTO, proto, "object with a registered prototype");
  }
  if (types.isNativeError(v)) return writeUnregisteredError(e, v, proto);
  throw e.refuse(describeUnsupported(v));
}

/** CLASS constructor body, or PROTO prototype body: the body is that of the built-in on the chain. */
function writeWithPrototype(e: Encoder, v: object, proto: object | null, tag: number, head: object, what: string): void {
  const base = builtinBase(proto);
  if (base.kind === K_REFUSED) {
    if (base.proto !== proto) {
      const name = functionName(constructorOf(base.proto) ?? Object);
      throw e.refuse({
        what,
        reason: `its class extends ${name}, a built-in whose instances keep internal state that cannot be copied; give it toDurable() and a static fromDurable()`,
      });
    }
    const specific = describeUnsupported(v);
    throw e.refuse(specific.what.startsWith("instance of class") ? { what, reason: PLATFORM } : specific);
  }
  const branded = base.kind === K_PLAIN || (base.kind === K_ARRAY ? Array.isArray(v) : hasBrand(v, base.kind));
  if (!branded) {
    throw e.refuse({ what, reason: "it inherits from a built-in without being one; give its class toDurable() and a static fromDurable()" });
  }
  const expected = writeIntegrity(e, v);
  e.w.u8(tag);
  const d = e.depth;
  e.kinds[d] = SEG_TEXT;
  e.keys[d] = tag === CLASS ? ".constructor" : "<prototype>";
  e.writeValue(head);
  if (base.kind === K_PLAIN) writeObjectBody(e, v, false, expected);
  else if (base.kind === K_ARRAY) writeArrayBody(e, v as unknown[]);
  else if (base.kind === K_ERROR) writeErrorBody(e, v, errorKindOf(proto), undefined);
  else writeBuiltinBody(e, v, base.kind);
}

/**
 * An error of a class that is neither registered nor declared in a transformed
 * module: user code cannot name the class, so nothing can test instanceof it.
 * It is copied as its nearest built-in error class, keeping its name.
 */
function writeUnregisteredError(e: Encoder, v: object, proto: object | null): void {
  const kind = errorKindOf(proto);
  let name: string | undefined;
  if (Object.getOwnPropertyDescriptor(v, "name") === undefined) {
    const inherited = dataProperty(proto, "name");
    if (typeof inherited === "string" && inherited !== ERROR_KINDS[kind]!.prototype.name) name = inherited;
  }
  writeIntegrity(e, v);
  writeErrorBody(e, v, kind, name);
}

/** A data property found along the prototype chain; accessors are skipped, not called. */
function dataProperty(proto: object | null, key: string): unknown {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d !== undefined) return d.value;
  }
  return undefined;
}

function writeDurable(e: Encoder, v: object, ctor: Function): void {
  let data: unknown;
  try {
    data = (v as { toDurable(): unknown }).toDurable();
  } catch (err) {
    const reason = `its toDurable() threw: ${err instanceof Error ? err.message : String(err)}`;
    throw e.refuse({ ...describeUnsupported(v), reason }, e.depth - 1, err);
  }
  e.w.u8(DURABLE);
  const d = e.depth;
  e.kinds[d] = SEG_TEXT;
  e.keys[d] = ".constructor";
  e.writeValue(ctor);
  const id = e.claim(v);
  (e.blocked ??= new Set()).add(id);
  e.keys[d] = ".toDurable()";
  e.writeValue(data);
  e.blocked.delete(id);
}
