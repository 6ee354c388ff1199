// Built-in functions and namespaces live across awaits more often than one
// would think: `out.push(await f())` reads `push` before the await. They are
// encoded by reference (`builtin:Array.prototype.push`), like module-level
// bindings, so they stay themselves after a resume.
const ROOTS: Record<string, unknown> = {
  Object, Function, Array, String, Number, Boolean, Symbol, BigInt, Math, JSON, Reflect, Promise,
  Map, Set, WeakMap, WeakSet, WeakRef, Date, RegExp, Error, TypeError, RangeError, SyntaxError,
  ReferenceError, EvalError, URIError, AggregateError, ArrayBuffer, DataView, Int8Array, Uint8Array,
  Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
  BigInt64Array, BigUint64Array, URL, URLSearchParams, TextEncoder, TextDecoder, console, Atomics, Intl,
  parseInt, parseFloat, isNaN, isFinite, encodeURIComponent, decodeURIComponent, encodeURI, decodeURI,
  structuredClone, queueMicrotask, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate,
  clearImmediate, globalThis,
};

export function builtinReferences(): Map<unknown, string> {
  const out = new Map<unknown, string>();
  const add = (value: unknown, id: string): void => {
    if ((typeof value === "function" || (typeof value === "object" && value !== null)) && !out.has(value)) out.set(value, id);
  };
  for (const [name, root] of Object.entries(ROOTS)) {
    add(root, `builtin:${name}`);
    if (name === "globalThis") continue;
    for (const [holder, prefix] of [
      [root, name],
      [(root as { prototype?: unknown }).prototype, `${name}.prototype`],
    ] as const) {
      if (holder === null || holder === undefined || (typeof holder !== "object" && typeof holder !== "function")) continue;
      for (const key of Object.getOwnPropertyNames(holder)) {
        const d = Object.getOwnPropertyDescriptor(holder, key);
        if (d && "value" in d && typeof d.value === "function") add(d.value, `builtin:${prefix}.${key}`);
      }
    }
  }
  return out;
}
