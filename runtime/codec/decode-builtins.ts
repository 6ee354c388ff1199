// Built-ins: Map, Set, Date, RegExp, errors, buffers and views, boxed
// primitives, URL. Each is created fresh, from checked lengths, and stored
// under its object id before any child that could refer back to it is read.

import { Buffer } from "node:buffer";
import { types } from "node:util";
import type { Decoder } from "./decoder.js";
import { readProps } from "./decode-objects.js";
import {
  ARRAY_BUFFER, ARRAY_BUFFER_RESIZABLE, BOXED, DATE, ERROR, ERROR_KINDS, MAP, NODE_BUFFER, REGEXP, SET,
  URL_HREF, VIEW, VIEW_KINDS,
} from "./tags.js";

export function readBuiltin(d: Decoder, tag: number): unknown {
  const r = d.r;
  switch (tag) {
    case MAP: {
      const n = r.count(2, "Map size");
      const m = new Map<unknown, unknown>();
      d.objs.push(m);
      for (let i = 0; i < n; i++) {
        const key = d.readValue();
        m.set(key, d.readValue());
      }
      return m;
    }
    case SET: {
      const n = r.count(1, "Set size");
      const s = new Set<unknown>();
      d.objs.push(s);
      for (let i = 0; i < n; i++) s.add(d.readValue());
      return s;
    }
    case DATE:
      return push(d, new Date(d.readNumber()));
    case REGEXP:
      return readRegExp(d);
    case ERROR:
      return readError(d);
    case ARRAY_BUFFER:
      // A copy of exactly these bytes: when the input is a Node Buffer, its slice() is a view
      // and .buffer would be the whole (pooled) memory behind it.
      return push(d, new Uint8Array(r.bytes(r.varint())).buffer);
    case ARRAY_BUFFER_RESIZABLE:
      return readResizable(d);
    case VIEW:
      return readView(d);
    case NODE_BUFFER:
      return push(d, Buffer.from(r.bytes(r.varint())));
    case BOXED: {
      const slot = d.reserve();
      const at = r.pos;
      const p = d.readValue();
      const t = typeof p;
      if (t !== "number" && t !== "string" && t !== "boolean" && t !== "bigint" && t !== "symbol") {
        throw r.fail(`cannot box a ${p === null ? "null" : t}`, "corrupt", at);
      }
      return (d.objs[slot] = Object(p));
    }
    case URL_HREF: {
      const at = r.pos;
      const href = d.readString();
      try {
        return push(d, new URL(href));
      } catch (err) {
        throw r.fail(`invalid URL ${JSON.stringify(href)}`, "corrupt", at, err);
      }
    }
    default:
      throw r.fail(`unknown tag 0x${tag.toString(16)}`, "corrupt", r.pos - 1);
  }
}

function push<T>(d: Decoder, v: T): T {
  d.objs.push(v);
  return v;
}

function readRegExp(d: Decoder): RegExp {
  const slot = d.reserve();
  const at = d.r.pos;
  const source = d.readString();
  const flags = d.readString();
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (err) {
    throw d.r.fail(`invalid regular expression /${source}/${flags}`, "corrupt", at, err);
  }
  d.objs[slot] = re;
  re.lastIndex = d.readValue() as number; // an own writable data property
  return re;
}

/**
 * A real error object of the built-in class (so util.types.isNativeError holds),
 * created without capturing a stack trace and emptied of its own properties;
 * the encoded ones (stack, message, cause, errors...) are then defined in order.
 */
function readError(d: Decoder): Error {
  const at = d.r.pos;
  const kind = d.r.u8();
  const Ctor = ERROR_KINDS[kind] as (new () => Error) | undefined;
  if (Ctor === undefined) throw d.r.fail(`unknown error kind ${kind}`, "corrupt", at);
  const e = newError(Ctor);
  for (const key of Reflect.ownKeys(e)) delete (e as unknown as Record<string | symbol, unknown>)[key];
  d.objs.push(e);
  readProps(d, e);
  return e;
}

/** A new error without the cost of capturing a stack trace that is replaced anyway. */
function newError(Ctor: new () => Error): Error {
  const had = Object.prototype.hasOwnProperty.call(Error, "stackTraceLimit");
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
  } catch {
    // Frozen intrinsics: the trace is captured, then deleted.
  }
  try {
    return Ctor === (AggregateError as unknown) ? new AggregateError([]) : new Ctor();
  } finally {
    try {
      if (had) Error.stackTraceLimit = limit;
      else delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
    } catch {
      // As above.
    }
  }
}

function readResizable(d: Decoder): ArrayBuffer {
  const r = d.r;
  const at = r.pos;
  const length = r.varint();
  const max = r.varint();
  if (max < length) throw r.fail(`ArrayBuffer length ${length} exceeds its max length ${max}`, "corrupt", at);
  if (max > d.limits.maxBytes) {
    throw r.fail(`ArrayBuffer max length ${max} exceeds limits.maxBytes (${d.limits.maxBytes})`, "limit", at);
  }
  const bytes = r.bytes(length);
  const Resizable = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer;
  const b = new Resizable(length, { maxByteLength: max });
  new Uint8Array(b).set(bytes);
  return push(d, b);
}

type ViewConstructor = (new (buffer: ArrayBuffer, offset: number, length: number) => ArrayBufferView) & {
  BYTES_PER_ELEMENT?: number;
};

function readView(d: Decoder): ArrayBufferView {
  const r = d.r;
  const slot = d.reserve();
  const at = r.pos;
  const kind = r.u8();
  const Ctor = VIEW_KINDS[kind] as ViewConstructor | undefined;
  if (Ctor === undefined) throw r.fail(`unknown view kind ${kind}`, "corrupt", at);
  const buffer = d.readValue();
  if (!types.isArrayBuffer(buffer)) throw r.fail("a view's buffer is not an ArrayBuffer", "corrupt", at);
  const offset = r.varint();
  const length = r.varint();
  const size = Ctor.BYTES_PER_ELEMENT ?? 1;
  if (offset % size !== 0 || offset + length * size > buffer.byteLength) {
    throw r.fail(`${Ctor.name} at offset ${offset} of length ${length} does not fit its buffer`, "corrupt", at);
  }
  const view = new Ctor(buffer, offset, length);
  d.objs[slot] = view;
  return view;
}
