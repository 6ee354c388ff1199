// An exact comparison of two value graphs, stricter than deep equality: it
// checks prototypes, own property order and attributes, extensibility, holes,
// -0 and NaN, internal state of built-ins, and that sharing is the same (a
// bijection between the objects of both graphs, so cycles and shared
// references must match one to one). Throws with the path of the first difference.

import { types } from "node:util";

export function expectSameGraph(actual: unknown, expected: unknown): void {
  new Comparison().compare(actual, expected, "value");
}

class Comparison {
  private readonly pairs = new Map<object, object>();
  private readonly reverse = new Map<object, object>();

  compare(a: unknown, b: unknown, path: string): void {
    if (typeof a !== typeof b) fail(path, `typeof ${typeof a} vs ${typeof b}`);
    if ((typeof a !== "object" || a === null) && typeof a !== "function") {
      if (!Object.is(a, b)) fail(path, `${show(a)} vs ${show(b)}`);
      return;
    }
    const x = a as object;
    const y = b as object;
    if (typeof x === "function") {
      if (x !== y) fail(path, "different functions");
      return;
    }
    if (y === null) fail(path, "null");
    const known = this.pairs.get(x);
    if (known !== undefined || this.reverse.has(y)) {
      if (known !== y) fail(path, "sharing differs (an object maps to two objects)");
      return;
    }
    this.pairs.set(x, y);
    this.reverse.set(y, x);
    if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) fail(path, "prototypes differ");
    if (Object.isExtensible(x) !== Object.isExtensible(y)) fail(path, "extensibility differs");
    this.compareInternals(x, y, path);
    this.compareOwnProperties(x, y, path);
  }

  private compareInternals(x: object, y: object, path: string): void {
    const brands = ["isMap", "isSet", "isDate", "isRegExp", "isNativeError", "isArrayBuffer", "isDataView",
      "isTypedArray", "isBoxedPrimitive", "isProxy"] as const;
    for (const brand of brands) {
      if (types[brand](x) !== types[brand](y)) fail(path, `${brand} differs`);
    }
    if (Array.isArray(x) !== Array.isArray(y)) fail(path, "isArray differs");
    if (types.isMap(x)) {
      const ex = [...(x as Map<unknown, unknown>)];
      const ey = [...(y as Map<unknown, unknown>)];
      if (ex.length !== ey.length) fail(path, `Map size ${ex.length} vs ${ey.length}`);
      ex.forEach(([k, v], i) => {
        this.compare(k, ey[i]![0], `${path}<map key ${i}>`);
        this.compare(v, ey[i]![1], `${path}<map value ${i}>`);
      });
    } else if (types.isSet(x)) {
      const ex = [...(x as Set<unknown>)];
      const ey = [...(y as Set<unknown>)];
      if (ex.length !== ey.length) fail(path, `Set size ${ex.length} vs ${ey.length}`);
      ex.forEach((v, i) => this.compare(v, ey[i], `${path}<set member ${i}>`));
    } else if (types.isDate(x)) {
      this.compare((x as Date).getTime(), (y as Date).getTime(), `${path}.getTime()`);
    } else if (types.isRegExp(x)) {
      const rx = x as RegExp;
      const ry = y as RegExp;
      if (rx.source !== ry.source || rx.flags !== ry.flags) fail(path, `${String(rx)} vs ${String(ry)}`);
    } else if (types.isArrayBuffer(x)) {
      this.compareBytes(new Uint8Array(x as ArrayBuffer), new Uint8Array(y as ArrayBuffer), path);
      const rx = (x as { resizable?: boolean }).resizable;
      if (rx !== (y as { resizable?: boolean }).resizable) fail(path, "resizable differs");
    } else if (types.isArrayBufferView(x)) {
      const vx = x as ArrayBufferView & { length?: number };
      const vy = y as ArrayBufferView & { length?: number };
      if (vx.constructor !== vy.constructor) fail(path, "view kinds differ");
      if (Buffer.isBuffer(x)) {
        // A Buffer is copied on its own, wherever Node's pool places it.
        this.compareBytes(x, y as Buffer, path);
      } else {
        if (vx.byteOffset !== vy.byteOffset || vx.byteLength !== vy.byteLength) fail(path, "view ranges differ");
        this.compare(vx.buffer, vy.buffer, `${path}.buffer`);
      }
    } else if (types.isBoxedPrimitive(x)) {
      this.compare((x as { valueOf(): unknown }).valueOf(), (y as { valueOf(): unknown }).valueOf(), `${path}.valueOf()`);
    } else if (x instanceof URL) {
      if (!(y instanceof URL) || x.href !== y.href) fail(path, "URLs differ");
    }
  }

  private compareBytes(x: Uint8Array, y: Uint8Array, path: string): void {
    if (x.length !== y.length || x.some((b, i) => b !== y[i])) fail(path, "bytes differ");
  }

  private compareOwnProperties(x: object, y: object, path: string): void {
    // Typed arrays list every index: their contents were compared as bytes.
    if (types.isTypedArray(x)) return;
    const kx = Reflect.ownKeys(x);
    const ky = Reflect.ownKeys(y);
    if (kx.length !== ky.length || kx.some((k, i) => k !== ky[i])) {
      fail(path, `own keys [${kx.map(String).join(", ")}] vs [${ky.map(String).join(", ")}]`);
    }
    for (const key of kx) {
      const dx = Object.getOwnPropertyDescriptor(x, key)!;
      const dy = Object.getOwnPropertyDescriptor(y, key)!;
      const at = `${path}[${String(key)}]`;
      for (const attr of ["enumerable", "writable", "configurable"] as const) {
        if (dx[attr] !== dy[attr]) fail(at, `${attr} ${String(dx[attr])} vs ${String(dy[attr])}`);
      }
      if ((dx.get === undefined) !== (dy.get === undefined)) fail(at, "accessor vs data");
      this.compare(dx.value, dy.value, at);
    }
  }
}

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "symbol") return v.toString();
  return Object.is(v, -0) ? "-0" : String(v);
}

function fail(path: string, what: string): never {
  throw new Error(`graphs differ at ${path}: ${what}`);
}
