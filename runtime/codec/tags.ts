// The byte format: one tag byte per value, then varints and nested values.
// docs/CODEC.md describes it for readers; this file is the single source of the
// numbers. Any change that makes an old decoder misread new bytes (a new tag, a
// changed body) bumps FORMAT_VERSION: decoders refuse other versions as
// "incompatible" instead of guessing.

/** First byte of every encoded value. */
export const FORMAT_VERSION = 1;

// Ranges: the low five or six bits carry a small number, so the most frequent
// values (small integers, short ASCII strings, repeated strings, objects of a
// repeated shape, short arrays) cost one byte of overhead.
export const FIXINT = 0x00; // 0x00-0x3f: integer 0..63
export const FIXINT_MAX = 0x3f;
export const FIXSTR = 0x40; // 0x40-0x5f: new ASCII string of 0..31 bytes (0x40 is "")
export const FIXSTR_MAX = 0x5f;
export const FIXSTRREF = 0x60; // 0x60-0x7f: string table entry 0..31
export const FIXSTRREF_MAX = 0x7f;
export const FIXSHAPE = 0x80; // 0x80-0x9f: plain object of known shape 0..31, then its values
export const FIXSHAPE_MAX = 0x9f;
export const FIXARRAY = 0xa0; // 0xa0-0xaf: dense array of 0..15 elements, then the elements
export const FIXARRAY_MAX = 0xaf;

export const UNDEFINED = 0xb0;
export const NULL = 0xb1;
export const FALSE = 0xb2;
export const TRUE = 0xb3;
export const UINT = 0xb4; // varint n (integer, 64 <= n <= 2^53)
export const NINT = 0xb5; // varint (-n - 1) (integer, -2^53 <= n < 0)
export const FLOAT32 = 0xb6; // 4 bytes LE: doubles that a float32 holds exactly
export const FLOAT64 = 0xb7; // 8 bytes LE: everything else (-0, NaN, fractions)
export const BIGINT_POS = 0xb8; // varint byte count, big-endian magnitude
export const BIGINT_NEG = 0xb9;
export const STR = 0xba; // varint UTF-8 byte count, bytes (joins the string table)
export const STR16 = 0xbb; // varint code-unit count, UTF-16LE (strings with lone surrogates)
export const STRREF = 0xbc; // varint string table index
export const BACKREF = 0xbd; // varint object id: the same object again (shared or cyclic)
export const REF = 0xbe; // string: refOf id, resolved by resolveRef (gets an object id)
export const SYMBOL_FOR = 0xbf; // string: Symbol.for(key)
export const SYMBOL_WELL_KNOWN = 0xc0; // string: name of a Symbol.<name>
export const OBJ_NEW = 0xc1; // varint n, n keys, n values: defines the next shape id
export const OBJ_SHAPE = 0xc2; // varint shape id, values
export const OBJ_DESC = 0xc3; // flags, varint n, n x (key, attributes, value)
export const ARRAY = 0xc4; // varint length, elements
export const ARRAY_SPARSE = 0xc5; // varint length, varint count, count x (varint index, value)
export const MAP = 0xc6; // varint size, size x (key, value)
export const SET = 0xc7; // varint size, members
export const DATE = 0xc8; // number value: time
export const REGEXP = 0xc9; // source string, flags string, lastIndex value
export const ERROR = 0xca; // error kind byte, varint n, n x (key, attributes, value)
export const ARRAY_BUFFER = 0xcb; // varint length, bytes
export const ARRAY_BUFFER_RESIZABLE = 0xcc; // varint length, varint max length, bytes
export const VIEW = 0xcd; // view kind byte, ArrayBuffer value, varint offset, varint length
export const NODE_BUFFER = 0xce; // varint length, bytes (a Buffer is copied, never its pool)
export const BOXED = 0xcf; // primitive value
export const URL_HREF = 0xd0; // string value
export const CLASS = 0xd1; // constructor value, then the instance body
export const DURABLE = 0xd2; // constructor value, toDurable() value
export const EXT = 0xd3; // extension tag string, then what the extension wrote
export const EXTRA = 0xd4; // body, varint n, n x (key, attributes, value): own props of a built-in
export const INTEGRITY = 0xd5; // level byte (1 non-extensible, 2 sealed, 3 frozen), body
export const PROTO = 0xd6; // prototype value (a registered object), then the instance body
export const LAST_TAG = 0xd6;

/** OBJ_DESC flags byte. */
export const DESC_NULL_PROTO = 1;

/** Property attribute byte in OBJ_DESC, ERROR and EXTRA lists. */
export const ATTR_ENUMERABLE = 1;
export const ATTR_WRITABLE = 2;
export const ATTR_CONFIGURABLE = 4;
export const ATTR_DEFAULT = 7;

export const INTEGRITY_NON_EXTENSIBLE = 1;
export const INTEGRITY_SEALED = 2;
export const INTEGRITY_FROZEN = 3;

/** ERROR kind byte: index into this list. Append only (with a version bump). */
export const ERROR_KINDS = [
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
  AggregateError,
] as const;

/** VIEW kind byte: index into this list. Append only (with a version bump). */
export const VIEW_KINDS = [
  DataView,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
] as const;

/** Tags that create a fresh object: the only bodies CLASS, EXTRA and INTEGRITY accept. */
export function isFreshBody(tag: number): boolean {
  return (tag >= FIXSHAPE && tag <= FIXARRAY_MAX) || (tag >= OBJ_NEW && tag <= URL_HREF);
}
