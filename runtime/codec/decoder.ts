// The decoder: the encoder's mirror, over untrusted bytes. It guarantees that it
// (1) runs no code but the hooks it was given (resolveRef, extensions, a
// registered class's fromDurable), (2) creates only fresh objects and defines
// their properties as own data properties (`__proto__` included), (3) checks
// every count against the bytes left before allocating, and (4) bounds depth and
// value count. Anything wrong surfaces as a CodecError (decode-value.ts turns
// stray built-in errors, such as an invalid RegExp source, into one too).

import { ByteReader } from "./byte-reader.js";
import { isCodecError } from "./codec-error.js";
import { readBuiltin } from "./decode-builtins.js";
import { readClass, readDurable, readExtra, readIntegrity, readProto } from "./decode-prefixes.js";
import { readArray, readDescribed, readNewShape, readShaped, readSparseArray } from "./decode-objects.js";
import type { CodecHooks, DecodeLimits, Extension, ExtensionReader } from "./hooks.js";
import {
  ARRAY, ARRAY_SPARSE, BACKREF, BIGINT_NEG, BIGINT_POS, CLASS, DURABLE, EXT, EXTRA, FALSE, FIXARRAY,
  FIXARRAY_MAX, FIXINT_MAX, FIXSHAPE, FIXSHAPE_MAX, FIXSTR, FIXSTR_MAX, FIXSTRREF, FIXSTRREF_MAX, FLOAT32,
  FLOAT64, INTEGRITY, NINT, NULL, OBJ_DESC, OBJ_NEW, OBJ_SHAPE, PROTO, REF, STR, STR16, STRREF, SYMBOL_FOR,
  SYMBOL_WELL_KNOWN, TRUE, UINT, UNDEFINED,
} from "./tags.js";

/** Marks an object id whose object is not created yet: a reference to it is corrupt. */
export const PENDING: unknown = Symbol("pending");

const WELL_KNOWN_BY_NAME: ReadonlyMap<string, symbol> = new Map(
  Object.getOwnPropertyNames(Symbol)
    .filter((name) => typeof (Symbol as unknown as Record<string, unknown>)[name] === "symbol")
    .map((name) => [name, (Symbol as unknown as Record<string, symbol>)[name]!]),
);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export interface Shape {
  keys: (string | symbol)[];
  /** No key is also a property of Object.prototype, so plain assignment defines an own property. */
  assignable: boolean;
}

const NO_EXTENSIONS: ReadonlyMap<string, Extension> = new Map();

// The engine decodes with the same extension list at every durable call: its
// tag map is made once, and reused while the list holds the same extensions
// under the same tags (compared with a copy, so a changed list is seen).
interface TagMap {
  list: Extension[];
  tags: string[];
  byTag: Map<string, Extension>;
}
const tagMaps = new WeakMap<readonly Extension[], TagMap>();

function extensionsByTag(list: readonly Extension[]): ReadonlyMap<string, Extension> {
  const known = tagMaps.get(list);
  if (known !== undefined && known.list.length === list.length) {
    let i = 0;
    while (i < list.length && known.list[i] === list[i] && known.tags[i] === list[i]!.tag) i++;
    if (i === list.length) return known.byTag;
  }
  const byTag = new Map<string, Extension>();
  for (const ext of list) {
    if (byTag.has(ext.tag)) throw new TypeError(`cannot decode value: two extensions have the tag ${JSON.stringify(ext.tag)}`);
    byTag.set(ext.tag, ext);
  }
  tagMaps.set(list, { list: [...list], tags: list.map((e) => e.tag), byTag });
  return byTag;
}

export class Decoder {
  readonly r: ByteReader;
  readonly limits: DecodeLimits;
  readonly resolveRef: CodecHooks["resolveRef"];
  readonly extensions: ReadonlyMap<string, Extension>;
  readonly objs: unknown[] = [];
  readonly strings: string[] = [];
  readonly shapes: Shape[] = [];
  depth = 0;
  count = 0;
  private extSlot = -1;
  /** An error an extension threw: it reaches the caller unchanged (the engine owns its meaning). */
  passthrough: unknown = undefined;

  readonly input: ExtensionReader = {
    read: () => this.readValue(),
    register: (value: object) => {
      if (this.extSlot < 0 || this.objs[this.extSlot] !== PENDING) {
        throw new Error("register() must be called once, from within Extension.decode, before returning");
      }
      this.objs[this.extSlot] = value;
    },
    standIn: (make: () => object) => {
      if (this.extSlot < 0 || this.objs[this.extSlot] !== PENDING || this.standIns.has(this.extSlot)) {
        throw new Error("standIn() must be called once, from within Extension.decode, instead of register()");
      }
      this.standIns.set(this.extSlot, make);
    },
  };
  /** The stand-in makers of extension objects being decoded, by object id (Extension.standIn). */
  private readonly standIns = new Map<number, () => object>();

  private readonly maxDepth: number;
  private readonly maxValues: number;

  constructor(bytes: Uint8Array, start: number, hooks: CodecHooks | undefined, limits: DecodeLimits) {
    this.r = new ByteReader(bytes, start);
    this.limits = limits;
    this.maxDepth = limits.maxDepth;
    this.maxValues = limits.maxValues;
    this.resolveRef = hooks?.resolveRef;
    this.extensions = hooks?.extensions === undefined ? NO_EXTENSIONS : extensionsByTag(hooks.extensions);
  }

  readValue(): unknown {
    if (++this.count > this.maxValues) {
      throw this.r.fail(`more than ${this.maxValues} values (limits.maxValues)`, "limit");
    }
    const tag = this.r.u8();
    // Small integers cannot nest: no depth bookkeeping for the most frequent tag.
    if (tag <= FIXINT_MAX) return tag;
    const d = ++this.depth;
    if (d > this.maxDepth) {
      throw this.r.fail(`nesting deeper than ${this.maxDepth} levels (limits.maxDepth)`, "limit", this.r.pos - 1);
    }
    const v = this.dispatch(tag);
    this.depth = d - 1;
    return v;
  }

  /** The value that starts with `tag` (already read). */
  dispatch(tag: number): unknown {
    if (tag <= FIXINT_MAX) return tag;
    if (tag <= FIXSTR_MAX) return this.newString(tag - FIXSTR);
    if (tag <= FIXSTRREF_MAX) return this.stringAt(tag - FIXSTRREF);
    if (tag <= FIXSHAPE_MAX) return readShaped(this, tag - FIXSHAPE, undefined);
    if (tag <= FIXARRAY_MAX) return readArray(this, tag - FIXARRAY);
    const r = this.r;
    switch (tag) {
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case UINT:
        return r.varint();
      case NINT:
        return -r.varint() - 1;
      case FLOAT32:
        return r.f32();
      case FLOAT64:
        return r.f64();
      case BIGINT_POS:
      case BIGINT_NEG:
        return this.bigint(tag === BIGINT_NEG);
      case STR:
      case STR16:
      case STRREF:
        return this.stringTagged(tag);
      case BACKREF:
        return this.backref();
      case REF:
        return this.ref();
      case SYMBOL_FOR:
        return Symbol.for(this.readString());
      case SYMBOL_WELL_KNOWN:
        return this.wellKnown();
      case OBJ_NEW:
        return readNewShape(this, undefined);
      case OBJ_SHAPE:
        return readShaped(this, r.varint(), undefined);
      case OBJ_DESC:
        return readDescribed(this, undefined);
      case ARRAY:
        return readArray(this, r.count(1, "array length"));
      case ARRAY_SPARSE:
        return readSparseArray(this);
      case CLASS:
        return readClass(this);
      case PROTO:
        return readProto(this);
      case DURABLE:
        return readDurable(this);
      case EXT:
        return this.extension();
      case EXTRA:
        return readExtra(this);
      case INTEGRITY:
        return readIntegrity(this);
      default:
        return readBuiltin(this, tag);
    }
  }

  /** A string in a position where only a string may stand (keys, ids, sources). */
  readString(): string {
    const at = this.r.pos;
    const tag = this.r.u8();
    if (tag >= FIXSTR && tag <= FIXSTR_MAX) return this.newString(tag - FIXSTR);
    if (tag >= FIXSTRREF && tag <= FIXSTRREF_MAX) return this.stringAt(tag - FIXSTRREF);
    if (tag === STR || tag === STR16 || tag === STRREF) return this.stringTagged(tag);
    throw this.r.fail(`expected a string, found tag 0x${tag.toString(16)}`, "corrupt", at);
  }

  /** A property key: a string or a symbol. */
  readKey(): string | symbol {
    const at = this.r.pos;
    const tag = this.r.u8();
    if (tag >= FIXSTR && tag <= FIXSTR_MAX) return this.newString(tag - FIXSTR);
    if (tag >= FIXSTRREF && tag <= FIXSTRREF_MAX) return this.stringAt(tag - FIXSTRREF);
    let key: unknown;
    if (tag === STR || tag === STR16 || tag === STRREF) return this.stringTagged(tag);
    else if (tag === SYMBOL_FOR) key = Symbol.for(this.readString());
    else if (tag === SYMBOL_WELL_KNOWN) key = this.wellKnown();
    else if (tag === REF) key = this.ref();
    else if (tag === BACKREF) key = this.backref();
    if (typeof key !== "symbol") throw this.r.fail("expected a property key", "corrupt", at);
    return key;
  }

  /** A number in a position where only a number may stand (a Date's time). */
  readNumber(): number {
    const at = this.r.pos;
    const tag = this.r.u8();
    if (tag <= FIXINT_MAX) return tag;
    if (tag === UINT || tag === NINT || tag === FLOAT32 || tag === FLOAT64) return this.dispatch(tag) as number;
    throw this.r.fail(`expected a number, found tag 0x${tag.toString(16)}`, "corrupt", at);
  }

  private newString(n: number): string {
    if (n === 0) return "";
    const s = this.r.utf8(n);
    this.strings.push(s);
    return s;
  }

  private stringTagged(tag: number): string {
    const r = this.r;
    if (tag === STRREF) return this.stringAt(r.varint());
    const s = tag === STR ? r.utf8(r.varint()) : r.utf16(r.varint());
    this.strings.push(s);
    return s;
  }

  private stringAt(index: number): string {
    if (index >= this.strings.length) {
      throw this.r.fail(`reference to string #${index}, only ${this.strings.length} defined`);
    }
    return this.strings[index]!;
  }

  private bigint(negative: boolean): bigint {
    const bytes = this.r.bytes(this.r.count(1, "bigint length"));
    let hex = "";
    for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]!];
    // Parsing hex is linear; building the value by shifts would be quadratic.
    const magnitude = hex === "" ? 0n : BigInt("0x" + hex);
    return negative ? -magnitude : magnitude;
  }

  private wellKnown(): symbol {
    const name = this.readString();
    const symbol = WELL_KNOWN_BY_NAME.get(name);
    if (symbol === undefined) throw this.r.fail(`unknown well-known symbol Symbol.${name}`, "incompatible");
    return symbol;
  }

  /** Reserves the next object id; its object is stored at objs[id] once created. */
  reserve(): number {
    this.objs.push(PENDING);
    return this.objs.length - 1;
  }

  private backref(): unknown {
    const at = this.r.pos;
    const id = this.r.varint();
    if (id >= this.objs.length) throw this.r.fail(`reference to object #${id}, only ${this.objs.length} defined`, "corrupt", at);
    const v = this.objs[id];
    if (v !== PENDING) return v;
    const make = this.standIns.get(id);
    if (make === undefined) throw this.r.fail(`reference to object #${id} before it was created`, "corrupt", at);
    // Made at most once: the object's extension must return this stand-in (extension() checks).
    this.standIns.delete(id);
    const stand = make();
    this.objs[id] = stand;
    return stand;
  }

  private ref(): unknown {
    const slot = this.reserve();
    const at = this.r.pos;
    const id = this.readString();
    const quoted = JSON.stringify(id);
    if (this.resolveRef === undefined) {
      throw this.r.fail(`cannot resolve reference ${quoted}: no resolveRef hook`, "incompatible", at);
    }
    let v: unknown;
    try {
      v = this.resolveRef(id);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw this.r.fail(`cannot resolve reference ${quoted}: ${reason}`, "incompatible", at, err);
    }
    this.objs[slot] = v;
    return v;
  }

  private extension(): unknown {
    const at = this.r.pos;
    const tag = this.readString();
    const ext = this.extensions.get(tag);
    if (ext === undefined) throw this.r.fail(`unknown extension ${JSON.stringify(tag)}`, "incompatible", at);
    const slot = this.reserve();
    const outer = this.extSlot;
    this.extSlot = slot;
    let v: unknown;
    try {
      v = ext.decode(this.input);
    } catch (err) {
      if (!isCodecError(err)) this.passthrough = err;
      throw err;
    } finally {
      this.extSlot = outer;
      this.standIns.delete(slot);
    }
    if ((typeof v !== "object" || v === null) && typeof v !== "function") {
      throw this.r.fail(`extension ${JSON.stringify(tag)} returned a ${v === null ? "null" : typeof v}`, "corrupt", at);
    }
    if (this.objs[slot] === PENDING) this.objs[slot] = v;
    else if (this.objs[slot] !== v) {
      throw this.r.fail(`extension ${JSON.stringify(tag)} registered another object than it returned`, "corrupt", at);
    }
    return v;
  }
}
