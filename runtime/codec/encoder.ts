// The encoder: one recursive pass over the value graph, writing tag bytes into a
// reused buffer. It guarantees that (1) every object is written once and later
// occurrences become back-references, so identity and cycles survive; (2) no
// getter, setter or proxy trap runs (own properties are read through their
// descriptors; the one exception, measured and documented in docs/CODEC.md, is
// an accessor on an index of an otherwise dense array); (3) whatever it
// accepts, the decoder accepts under the same limits (depth, value count and
// size are counted identically on both sides). It leaves object bodies to
// encode-objects.ts, built-ins to encode-builtins.ts and instances of
// registered classes to encode-instances.ts.

import { types } from "node:util";
import { ByteWriter } from "./byte-writer.js";
import { CodecError } from "./codec-error.js";
import { describeUnsupported, type Refusal } from "./describe-unsupported.js";
import { writeBuiltin } from "./encode-builtins.js";
import { writeInstance } from "./encode-instances.js";
import { writeArray, writePlainObject } from "./encode-objects.js";
import type { CodecHooks, DecodeLimits, Extension, ExtensionWriter } from "./hooks.js";
import { BUILTIN_KINDS } from "./builtin-kinds.js";
import { ShapeTable } from "./shape-table.js";
import {
  BACKREF, BIGINT_NEG, BIGINT_POS, EXT, FALSE, FIXINT_MAX, FIXSTR, FIXSTRREF, NINT, NULL, REF,
  STRREF, SYMBOL_FOR, SYMBOL_WELL_KNOWN, TRUE, UINT, UNDEFINED,
} from "./tags.js";
import { formatPath, SEG_LABEL, SEG_NONE } from "./value-path.js";

const ObjectPrototype = Object.prototype;
const ArrayPrototype = Array.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const isProxy = types.isProxy;
const isModuleNamespaceObject = types.isModuleNamespaceObject;

/** Symbol.iterator and friends, by name: the name is stable across Node versions, an index is not. */
export const WELL_KNOWN_SYMBOLS: ReadonlyMap<symbol, string> = new Map(
  Object.getOwnPropertyNames(Symbol)
    .filter((name) => typeof (Symbol as unknown as Record<string, unknown>)[name] === "symbol")
    .map((name) => [(Symbol as unknown as Record<string, symbol>)[name]!, name]),
);

/** How many object ids are found by a linear scan before a Map takes over (see Encoder.few). */
const FEW_OBJECTS = 16;

// Bounds of what the string table keeps between encodings (see Encoder.strings).
const STRING_TABLE_ENTRIES = 4096;
const STRING_TABLE_CHARS = 1 << 16;

/** The value of a lowercase hex digit's char code (bigint.toString(16) writes lowercase). */
function hexDigit(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x57;
}

export class Encoder {
  readonly w = new ByteWriter();
  refOf: CodecHooks["refOf"];
  trace: CodecHooks["trace"];
  extensions: readonly Extension[] = [];
  limits!: DecodeLimits;
  // Copies of two limits, read once per value.
  private maxDepth = 0;
  private maxValues = 0;

  /**
   * Object ids of the first FEW_OBJECTS objects, functions or referenced symbols
   * written (the id is the index), searched linearly; past that, every id is in
   * `seen` too. An engine state holds a handful of objects, and a scan of a few
   * pointers costs less than a Map: its allocation, growth and hashing.
   */
  private readonly few: unknown[] = [];
  // A fresh map per encoding: measured faster than clear() and regrowth.
  /** Object id of every object, function or referenced symbol written, once there are more than FEW_OBJECTS. */
  private seen: Map<unknown, number> | undefined;
  nextId = 0;
  /**
   * The string table. It is kept from one encoding to the next, because the
   * engine's states repeat their strings (function ids, hashes, keys, tags) and
   * rebuilding and regrowing it each time showed in profiles: an entry counts
   * in this encoding only if its number is at least `stringBase`, and its index
   * is the number less `stringBase`. It is dropped once it holds more than
   * STRING_TABLE_ENTRIES strings or STRING_TABLE_CHARS characters.
   */
  private strings = new Map<string, number>();
  private stringBase = 0;
  private stringCount = 0;
  private stringChars = 0;
  readonly shapes = new ShapeTable();
  /** Ids whose toDurable() data is being written: a back-reference to them cannot be decoded. */
  blocked: Set<number> | undefined;

  depth = 0;
  count = 0;
  /** Path segment of each nesting level (see value-path.ts). */
  readonly kinds: number[] = [];
  readonly keys: unknown[] = [];
  /** Scratch stack of property values and attributes read from descriptors. */
  readonly vals: unknown[] = [];
  readonly attrs: number[] = [];
  sp = 0;

  readonly out: ExtensionWriter = {
    write: (value: unknown, label?: string): void => {
      const d = this.depth;
      this.kinds[d] = label === undefined ? SEG_NONE : SEG_LABEL;
      this.keys[d] = label;
      this.writeValue(value);
    },
  };

  reset(hooks: CodecHooks | undefined, limits: DecodeLimits): void {
    this.refOf = hooks?.refOf;
    this.trace = hooks?.trace;
    this.extensions = hooks?.extensions ?? [];
    this.limits = limits;
    this.maxDepth = limits.maxDepth;
    this.maxValues = limits.maxValues;
    this.w.limit = limits.maxBytes;
  }

  /** Forgets everything from the last encoding (and drops references to its values and hooks). */
  clear(): void {
    this.refOf = this.trace = undefined;
    this.extensions = [];
    this.w.pos = 0;
    this.few.fill(undefined, 0, Math.min(this.nextId, FEW_OBJECTS));
    this.seen = undefined;
    this.stringBase += this.stringCount;
    this.stringCount = 0;
    if (this.strings.size > STRING_TABLE_ENTRIES || this.stringChars > STRING_TABLE_CHARS || this.stringBase > 2 ** 52) {
      this.strings = new Map();
      this.stringBase = this.stringChars = 0;
    }
    this.shapes.clear();
    this.nextId = this.depth = this.count = this.sp = 0;
    this.blocked = undefined;
    // Keep the arrays' storage (regrowing it each time showed in profiles); drop only the references.
    this.keys.fill(undefined);
    this.vals.fill(undefined);
  }

  writeValue(v: unknown): void {
    const d = ++this.depth;
    if (d > this.maxDepth) {
      throw this.limit(v, `nesting deeper than ${this.limits.maxDepth} levels (limits.maxDepth)`);
    }
    if (++this.count > this.maxValues) {
      throw this.limit(v, `more than ${this.limits.maxValues} values (limits.maxValues)`);
    }
    if (this.trace !== undefined) this.trace(this.path(d - 1), v);
    switch (typeof v) {
      case "number":
        this.writeNumber(v);
        break;
      case "string":
        this.writeString(v);
        break;
      case "boolean":
        this.w.u8(v ? TRUE : FALSE);
        break;
      case "undefined":
        this.w.u8(UNDEFINED);
        break;
      case "object":
        if (v === null) this.w.u8(NULL);
        else this.writeObject(v);
        break;
      case "bigint":
        this.writeBigInt(v);
        break;
      case "symbol":
        this.writeSymbol(v);
        break;
      case "function":
        this.writeFunction(v);
        break;
    }
    this.depth = d - 1;
  }

  writeNumber(n: number): void {
    if (Number.isInteger(n) && (n !== 0 || 1 / n > 0)) {
      if (n >= 0) {
        if (n <= FIXINT_MAX) this.w.u8(n);
        else if (n <= 2 ** 53) this.w.tagVarint(UINT, n);
        else this.w.float(n);
      } else if (n >= -(2 ** 53)) {
        this.w.tagVarint(NINT, -n - 1);
      } else {
        this.w.float(n);
      }
    } else {
      this.w.float(n);
    }
  }

  /** Strings join a table on first sight; repeats cost one or two bytes. */
  writeString(s: string): void {
    if (s.length === 0) return this.w.u8(FIXSTR);
    const n = this.strings.get(s);
    if (n === undefined || n < this.stringBase) {
      this.strings.set(s, this.stringBase + this.stringCount++);
      if (n === undefined) this.stringChars += s.length;
      this.w.string(s);
      return;
    }
    const index = n - this.stringBase;
    if (index < 32) {
      this.w.u8(FIXSTRREF + index);
    } else {
      this.w.tagVarint(STRREF, index);
    }
  }

  private writeBigInt(b: bigint): void {
    const negative = b < 0n;
    let hex = (negative ? -b : b).toString(16);
    if (hex.length % 2 === 1) hex = "0" + hex;
    const n = hex.length / 2;
    this.w.tagVarint(negative ? BIGINT_NEG : BIGINT_POS, n);
    this.w.ensure(n);
    const buf = this.w.buf;
    let pos = this.w.pos;
    for (let i = 0; i < hex.length; i += 2) buf[pos++] = (hexDigit(hex.charCodeAt(i)) << 4) | hexDigit(hex.charCodeAt(i + 1));
    this.w.pos = pos;
  }

  /** Also used for symbol-valued property keys. */
  writeSymbol(s: symbol): void {
    const id = this.idOf(s);
    if (id !== undefined) return this.writeBackref(id, s);
    const ref = this.refOf?.(s);
    if (ref !== undefined) return this.writeRef(s, ref);
    const key = Symbol.keyFor(s);
    if (key !== undefined) {
      this.w.u8(SYMBOL_FOR);
      return this.writeString(key);
    }
    const name = WELL_KNOWN_SYMBOLS.get(s);
    if (name === undefined) throw this.refuse(describeUnsupported(s));
    this.w.u8(SYMBOL_WELL_KNOWN);
    this.writeString(name);
  }

  private writeFunction(f: Function): void {
    const id = this.idOf(f);
    if (id !== undefined) return this.writeBackref(id, f);
    const ref = this.refOf?.(f);
    if (ref !== undefined) return this.writeRef(f, ref);
    const ext = this.extensionFor(f);
    if (ext !== undefined) return this.writeExtension(ext, f);
    throw this.refuse(describeUnsupported(f));
  }

  private writeObject(v: object): void {
    const id = this.idOf(v);
    if (id !== undefined) return this.writeBackref(id, v);
    if (this.refOf !== undefined) {
      const ref = this.refOf(v);
      if (ref !== undefined) return this.writeRef(v, ref);
    }
    // Before anything that would run a trap (even getPrototypeOf does).
    if (isProxy(v)) throw this.refuse(describeUnsupported(v));
    const proto = getPrototypeOf(v) as object | null;
    if (proto === ObjectPrototype) return writePlainObject(this, v, proto);
    if (proto === null) {
      // A module's namespace has no prototype either, but a copy would lose its live bindings
      // and its refusal of writes (test262 dynamic-import/namespace, suspended at every await).
      if (isModuleNamespaceObject(v)) throw this.refuse(describeUnsupported(v));
      return writePlainObject(this, v, proto);
    }
    if (proto === ArrayPrototype && Array.isArray(v)) return writeArray(this, v as unknown[]);
    const kind = BUILTIN_KINDS.get(proto);
    if (kind !== undefined && writeBuiltin(this, v, kind)) return;
    const ext = this.extensionFor(v);
    if (ext !== undefined) return this.writeExtension(ext, v);
    writeInstance(this, v, proto);
  }

  /** Gives v the next object id (before its children, so they can refer back to it). */
  claim(v: unknown): number {
    const id = this.nextId++;
    if (id < FEW_OBJECTS) {
      this.few[id] = v;
    } else {
      let seen = this.seen;
      if (seen === undefined) {
        seen = this.seen = new Map();
        for (let i = 0; i < FEW_OBJECTS; i++) seen.set(this.few[i], i);
      }
      seen.set(v, id);
    }
    return id;
  }

  /** The id of an object already written, or undefined. */
  private idOf(v: unknown): number | undefined {
    if (this.seen !== undefined) return this.seen.get(v);
    const few = this.few;
    for (let i = 0; i < this.nextId; i++) if (few[i] === v) return i;
    return undefined;
  }

  private writeBackref(id: number, v: unknown): void {
    if (this.blocked?.has(id)) {
      throw this.refuse({
        ...describeUnsupported(v),
        reason: "its toDurable() data refers back to the instance itself, which fromDurable() cannot rebuild",
      });
    }
    this.w.tagVarint(BACKREF, id);
  }

  private writeRef(v: unknown, ref: string): void {
    this.claim(v);
    this.w.u8(REF);
    this.writeString(ref);
  }

  private extensionFor(v: object): Extension | undefined {
    const exts = this.extensions;
    for (let i = 0; i < exts.length; i++) if (exts[i]!.match(v)) return exts[i];
    return undefined;
  }

  private writeExtension(ext: Extension, v: object): void {
    this.w.u8(EXT);
    this.writeString(ext.tag);
    this.claim(v);
    ext.encode(v, this.out);
  }

  /** The path of the value at depth d + 1 (segments 1..d). */
  path(d: number): string {
    return formatPath(this.kinds, this.keys, d);
  }

  /** A refusal of the value being written (at this.depth), or of its child at `atDepth` + 1. */
  refuse({ what, reason }: Refusal, atDepth = this.depth - 1, cause?: unknown): CodecError {
    const path = this.path(atDepth);
    return new CodecError("unsupported", `cannot serialize ${what} at ${path}: ${reason}`, { path, cause });
  }

  limit(v: unknown, reason: string): CodecError {
    const path = this.path(this.depth - 1);
    const what = Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
    return new CodecError("limit", `cannot serialize ${what} at ${path}: ${reason}`, { path });
  }
}
