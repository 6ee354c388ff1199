// Every kind of value of the DESIGN table survives encode + decode exactly
// (prototype, property order and attributes, internal state), checked with
// expectSameGraph rather than deep equality.

import { types } from "node:util";
import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue } from "../../runtime/codec/index.js";
import { expectSameGraph } from "./same-graph.js";

function roundTrip<T>(value: T): T {
  return decodeValue(encodeValue(value)) as T;
}

function withExtra<T extends object>(target: T, extra: Record<string, unknown>): T {
  return Object.assign(target, extra);
}

const lone = String.fromCharCode(0xd800);

const cases: [string, () => unknown][] = [
  ["undefined", () => undefined],
  ["null", () => null],
  ["true", () => true],
  ["false", () => false],
  ["zero", () => 0],
  ["negative zero", () => -0],
  ["NaN", () => NaN],
  ["Infinity", () => Infinity],
  ["-Infinity", () => -Infinity],
  ["small integers", () => [0, 1, 63, 64, 127, 128, 255, 16383, 16384, 2 ** 31 - 1, 2 ** 31, 2 ** 32]],
  ["large integers", () => [2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 60, -(2 ** 70)]],
  ["negative integers", () => [-1, -63, -64, -65, -128, -(2 ** 31), -(2 ** 32)]],
  ["fractions", () => [0.5, 0.75, 0.1, -1.5, 1e-300, 5e-324, 1.7976931348623157e308, Math.PI]],
  ["empty string", () => ""],
  ["ASCII strings", () => ["a", "hello world", "x".repeat(31), "y".repeat(32), "z".repeat(100), "w".repeat(70_000)]],
  ["non-ASCII strings", () => ["héllo", "日本語", "emoji 😀", "ü".repeat(50), "😀".repeat(40), "mixed ascii then ü".repeat(9)]],
  ["lone surrogates", () => [lone, `a${lone}b`, String.fromCharCode(0xdc00) + "x", `${lone}`.repeat(50), "ok 😀" + lone]],
  ["repeated strings", () => ["same", "same", "other", "same", ...Array.from({ length: 40 }, (_, i) => `s${i % 35}`)]],
  ["bigints", () => [0n, 1n, -1n, 255n, 256n, -(2n ** 64n), 2n ** 200n + 12345n, -(10n ** 80n)]],
  ["dates", () => [new Date(0), new Date(1700000000123), new Date(-1), new Date(8.64e15), new Date(NaN)]],
  ["regexps", () => [/a+b/gi, /x/dsuy, /[/]\//, new RegExp("", "v"), withExtra(/z/g, { lastIndex: 3 })]],
  ["regexp with own properties", () => withExtra(/q/, { note: "kept" })],
  ["maps", () => new Map<unknown, unknown>([["a", 1], [2, "b"], [{ k: 1 }, [1]], [null, undefined], [NaN, -0]])],
  ["sets", () => new Set<unknown>([1, "1", 1n, {}, [], null, undefined, NaN])],
  ["map with own properties", () => withExtra(new Map([[1, 2]]), { label: "m" })],
  ["arrays", () => [[], [1], [1, "two", null], Array.from({ length: 20 }, (_, i) => i)]],
  // eslint-disable-next-line no-sparse-arrays
  ["arrays with holes", () => [[, 1], [1, , 3], [, , ,], Object.assign(new Array(5), { 2: "x" })]],
  ["sparse array", () => Object.assign(new Array(2 ** 31), { 7: 7, 2_000_000_000: "far" })],
  ["array with named properties", () => withExtra([1, 2], { name: "xs", [Symbol.for("tag")]: 1 })],
  ["RegExp match array", () => "a1b22".match(/(\d)(\d)?/)],
  ["plain objects", () => ({ a: 1, b: "two", c: [3], d: { e: null } })],
  ["object key order", () => ({ z: 1, 2: "two", a: 3, 1: "one", [Symbol.for("s")]: 4 })],
  ["null-prototype object", () => Object.assign(Object.create(null) as object, { a: 1, b: { c: 2 } })],
  ["__proto__ and constructor keys", () => JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": 2}, "toString": 3}')],
  ["registered and well-known symbol keys", () => ({ [Symbol.for("k")]: 1, [Symbol.iterator]: 2, [Symbol.asyncIterator]: 3 })],
  ["non-enumerable and read-only properties", () =>
    Object.defineProperties({ visible: 1 }, {
      hidden: { value: 2, enumerable: false, writable: true, configurable: true },
      fixed: { value: 3, enumerable: true, writable: false, configurable: false },
    })],
  ["frozen, sealed and non-extensible objects", () => [
    Object.freeze({ a: 1 }), Object.seal({ b: 2 }), Object.preventExtensions({ c: 3 }), Object.freeze([1, 2]),
    Object.freeze(Object.defineProperty({ d: 1 }, "e", { value: 2, enumerable: false })),
  ]],
  ["symbols", () => [Symbol.for("app.key"), Symbol.iterator, Symbol.hasInstance, Symbol.for("")]],
  ["typed arrays", () => [
    new Int8Array([-1, 2]), new Uint8Array([1, 2, 255]), new Uint8ClampedArray([0, 255]), new Int16Array([-300]),
    new Uint16Array([65535]), new Int32Array([-(2 ** 31)]), new Uint32Array([2 ** 32 - 1]), new Float32Array([0.5, NaN]),
    new Float64Array([-0, Infinity]), new BigInt64Array([-(2n ** 63n)]), new BigUint64Array([2n ** 64n - 1n]),
  ]],
  ["views at offsets", () => {
    const buffer = new ArrayBuffer(32);
    new Uint8Array(buffer).forEach((_, i, a) => (a[i] = i));
    return [new Uint16Array(buffer, 4, 3), new DataView(buffer, 1, 9), new Float64Array(buffer, 8, 2)];
  }],
  ["ArrayBuffer", () => new Uint8Array([9, 8, 7]).buffer],
  ["resizable ArrayBuffer", () => {
    const Resizable = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer;
    return new Resizable(4, { maxByteLength: 64 });
  }],
  ["Node Buffer", () => Buffer.from("pooled bytes")],
  ["DataView", () => new DataView(new ArrayBuffer(4))],
  ["errors", () => [new Error("plain"), new TypeError("typed"), new RangeError("r"), new SyntaxError("s"),
    new EvalError("e"), new ReferenceError("ref"), new URIError("u")]],
  ["error with cause and own properties", () => Object.assign(new Error("outer", { cause: new Error("inner") }), { code: "E_X", data: [1] })],
  ["error without message or stack", () => {
    const e = new Error();
    delete (e as { stack?: string }).stack;
    return e;
  }],
  ["AggregateError", () => new AggregateError([new Error("a"), "b"], "many", { cause: 1 })],
  ["URL", () => new URL("https://user@example.com:8080/p/a?q=1#h")],
  ["boxed primitives", () => [new Number(1.5), new String("str"), new Boolean(false), Object(10n), Object(Symbol.for("b"))]],
  ["boxed string with own property", () => withExtra(new String("ab"), { extra: true })],
];

describe("round trips", () => {
  it.each(cases)("%s", (_name, make) => {
    const value = make();
    expectSameGraph(roundTrip(value), value);
  });

  it("keeps the prototype of plain objects and arrays", () => {
    const out = roundTrip({ a: [1] }) as { a: unknown[] };
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(out.a)).toBe(Array.prototype);
  });

  it("decodes errors as real errors of the same class", () => {
    const out = roundTrip([new TypeError("t"), new AggregateError([], "a")]) as Error[];
    expect(out[0]).toBeInstanceOf(TypeError);
    expect(out[1]).toBeInstanceOf(AggregateError);
    expect(out.every((e) => types.isNativeError(e))).toBe(true);
  });

  it("keeps a stack exactly, including the frames of the encoding process", () => {
    const e = new Error("where");
    expect((roundTrip(e) as Error).stack).toBe(e.stack);
  });

  it("defines __proto__ as an own property and pollutes nothing", () => {
    const out = roundTrip(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("writes repeated strings and shapes once", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: i, status: "pending", owner: "someone" }));
    const once = encodeValue([rows[0]]).length;
    expect(encodeValue(rows).length).toBeLessThan(once + 99 * 6);
  });
});
