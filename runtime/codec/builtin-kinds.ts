// The built-in classes the codec copies, keyed by prototype so that the encoder
// classifies an object with one Map lookup, then confirms the internal brand
// (an object can borrow Map.prototype without being a Map).

import { Buffer } from "node:buffer";
import { types } from "node:util";
import { ERROR_KINDS, VIEW_KINDS } from "./tags.js";

export const K_PLAIN = 0;
export const K_ARRAY = 1;
export const K_MAP = 2;
export const K_SET = 3;
export const K_DATE = 4;
export const K_REGEXP = 5;
export const K_ERROR = 6;
export const K_ARRAY_BUFFER = 7;
export const K_VIEW = 8;
export const K_NODE_BUFFER = 9;
export const K_BOXED = 10;
export const K_URL = 11;
/** Built-ins that are never copied (a class extending them needs toDurable/fromDurable). */
export const K_REFUSED = 12;

/** Prototypes of copied built-ins other than Object and Array (handled inline). */
export const BUILTIN_KINDS: ReadonlyMap<object, number> = new Map<object, number>([
  [Map.prototype, K_MAP],
  [Set.prototype, K_SET],
  [Date.prototype, K_DATE],
  [RegExp.prototype, K_REGEXP],
  ...ERROR_KINDS.map((C) => [C.prototype, K_ERROR] as [object, number]),
  [ArrayBuffer.prototype, K_ARRAY_BUFFER],
  ...VIEW_KINDS.map((C) => [C.prototype, K_VIEW] as [object, number]),
  [Buffer.prototype, K_NODE_BUFFER],
  [Number.prototype, K_BOXED],
  [String.prototype, K_BOXED],
  [Boolean.prototype, K_BOXED],
  [BigInt.prototype, K_BOXED],
  [Symbol.prototype, K_BOXED],
  [URL.prototype, K_URL],
]);

/**
 * Prototypes of platform classes whose instances keep their state in internal
 * slots or private fields (Promise, WeakMap, URLSearchParams, Intl.*,
 * AbortSignal...): a copy of their own properties would be an empty shell, so
 * they are refused even when their constructor has a reference id (the engine
 * registers built-in constructors, so that `Map` itself stays `Map`).
 */
const REFUSED_PROTOTYPES: ReadonlySet<object> = platformPrototypes();

function platformPrototypes(): Set<object> {
  const copied = new Set<object>([Object.prototype, Array.prototype, ...BUILTIN_KINDS.keys()]);
  const out = new Set<object>([Promise.prototype, WeakMap.prototype, WeakSet.prototype, WeakRef.prototype,
    FinalizationRegistry.prototype, SharedArrayBuffer.prototype, Function.prototype]);
  const holders = [globalThis, Intl] as Record<string, unknown>[];
  for (const holder of holders) {
    for (const name of Object.getOwnPropertyNames(holder)) {
      const d = Object.getOwnPropertyDescriptor(holder, name);
      const ctor: unknown = d !== undefined && "value" in d ? d.value : undefined;
      if (typeof ctor !== "function") continue;
      const proto: unknown = Object.getOwnPropertyDescriptor(ctor, "prototype")?.value;
      if (typeof proto === "object" && proto !== null && !copied.has(proto)) out.add(proto);
    }
  }
  return out;
}

const ERROR_KIND_OF: ReadonlyMap<object, number> = new Map(ERROR_KINDS.map((C, i) => [C.prototype, i]));

/** The built-in a class extends: the kind of the first known prototype on the chain. */
export function builtinBase(proto: object | null): { kind: number; proto: object | null } {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    if (p === Object.prototype) return { kind: K_PLAIN, proto: p };
    if (p === Array.prototype) return { kind: K_ARRAY, proto: p };
    if (REFUSED_PROTOTYPES.has(p)) return { kind: K_REFUSED, proto: p };
    const kind = BUILTIN_KINDS.get(p);
    if (kind !== undefined) return { kind, proto: p };
  }
  return { kind: K_PLAIN, proto: null };
}

/** ERROR kind byte of the nearest built-in error class on the chain (0, Error, by default). */
export function errorKindOf(proto: object | null): number {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const kind = ERROR_KIND_OF.get(p);
    if (kind !== undefined) return kind;
  }
  return 0;
}

// %TypedArray%.prototype[@@toStringTag] is the brand check of typed arrays: the
// class name for a real one, undefined for anything else (and never user code).
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Symbol.toStringTag,
)!.get!;
const VIEW_KIND_BY_NAME: ReadonlyMap<string, number> = new Map(VIEW_KINDS.map((C, i) => [C.name, i]));

/** VIEW kind byte of a typed array or DataView, or -1. */
export function viewKindOf(v: object): number {
  if (types.isDataView(v)) return 0;
  const name = typedArrayTag.call(v) as string | undefined;
  return name === undefined ? -1 : (VIEW_KIND_BY_NAME.get(name) ?? -1);
}

/** Checks the internal brand behind a prototype match; true if v really is that built-in. */
export function hasBrand(v: object, kind: number): boolean {
  switch (kind) {
    case K_MAP:
      return types.isMap(v);
    case K_SET:
      return types.isSet(v);
    case K_DATE:
      return types.isDate(v);
    case K_REGEXP:
      return types.isRegExp(v);
    case K_ERROR:
      return types.isNativeError(v);
    case K_ARRAY_BUFFER:
      return types.isArrayBuffer(v);
    case K_VIEW:
      return viewKindOf(v) >= 0;
    case K_NODE_BUFFER:
      return types.isUint8Array(v);
    case K_BOXED:
      return types.isBoxedPrimitive(v);
    case K_URL:
      return urlHref(v) !== undefined;
    default:
      return false;
  }
}

const hrefGetter = Object.getOwnPropertyDescriptor(URL.prototype, "href")!.get!;

/** The href of a real URL (Node's getter checks the brand and throws otherwise). */
export function urlHref(v: object): string | undefined {
  try {
    return hrefGetter.call(v) as string;
  } catch {
    return undefined;
  }
}
