// The decoder on hostile bytes: no allocation from a forged length, no code run
// but the given hooks, no prototype pollution, no reach into existing objects,
// bounded depth and count, and a CodecError with an exact message for each.

import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue, isCodecError, type CodecHooks } from "../../runtime/codec/index.js";
import {
  ARRAY, ARRAY_BUFFER, ARRAY_SPARSE, ATTR_ENUMERABLE, BACKREF, BIGINT_POS, bytes, CLASS, DURABLE, ERROR,
  EXTRA, FIXARRAY, FIXINT, FIXSHAPE, INTEGRITY, MAP, NULL, OBJ_DESC, OBJ_NEW, PROTO, REF, REGEXP, STR, str,
  UINT, UNDEFINED, URL_HREF, varint, VIEW,
} from "./build-bytes.js";

function rejection(input: Uint8Array, hooks?: CodecHooks): string {
  try {
    decodeValue(input, hooks);
  } catch (e) {
    if (!isCodecError(e)) throw new Error(`not a CodecError: ${String(e)}`);
    return `${e.code}: ${e.message}`;
  }
  throw new Error("expected a rejection");
}

describe("hostile lengths", () => {
  it("checks every count against the bytes left before allocating", () => {
    expect(rejection(bytes(ARRAY, varint(2 ** 40)))).toBe(
      "corrupt: cannot decode value at byte 2: array length of 1099511627776 exceeds the 0 bytes left",
    );
    expect(rejection(bytes(MAP, varint(1000), FIXINT, FIXINT))).toBe(
      "corrupt: cannot decode value at byte 2: Map size of 1000 exceeds the 2 bytes left",
    );
    expect(rejection(bytes(STR, varint(2 ** 30), 0x61))).toBe("corrupt: cannot decode value at byte 7: unexpected end of input");
    expect(rejection(bytes(ARRAY_BUFFER, varint(2 ** 31)))).toBe("corrupt: cannot decode value at byte 7: unexpected end of input");
    expect(rejection(bytes(BIGINT_POS, varint(2 ** 33)))).toBe(
      "corrupt: cannot decode value at byte 2: bigint length of 8589934592 exceeds the 0 bytes left",
    );
    expect(rejection(bytes(ARRAY_SPARSE, varint(2 ** 32), FIXINT))).toBe(
      "corrupt: cannot decode value at byte 2: array length 4294967296 exceeds 2^32 - 1",
    );
  });

  it("accepts a huge sparse length, which allocates nothing", () => {
    const a = decodeValue(bytes(ARRAY_SPARSE, varint(2 ** 32 - 1), varint(1), varint(2 ** 31), NULL)) as unknown[];
    expect(a.length).toBe(2 ** 32 - 1);
    expect(a[2 ** 31]).toBe(null);
  });

  it("refuses a view that does not fit its buffer", () => {
    const buffer = [ARRAY_BUFFER, ...varint(8), 0, 0, 0, 0, 0, 0, 0, 0];
    expect(rejection(bytes(VIEW, 9, buffer, varint(0), varint(2)))).toBe(
      "corrupt: cannot decode value at byte 2: Float64Array at offset 0 of length 2 does not fit its buffer",
    );
    expect(rejection(bytes(VIEW, 6, buffer, varint(1), varint(1)))).toBe(
      "corrupt: cannot decode value at byte 2: Int32Array at offset 1 of length 1 does not fit its buffer",
    );
    expect(rejection(bytes(VIEW, 2, FIXINT, varint(0), varint(0)))).toBe(
      "corrupt: cannot decode value at byte 2: a view's buffer is not an ArrayBuffer",
    );
  });

  it("refuses varints longer than 8 bytes or beyond 2^53", () => {
    expect(rejection(bytes(UINT, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(
      "corrupt: cannot decode value at byte 2: varint longer than 8 bytes",
    );
    expect(rejection(bytes(UINT, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toBe(
      "corrupt: cannot decode value at byte 2: varint 72057594037927940 exceeds 2^53",
    );
  });

  it("decodes a megabyte bigint in linear time", () => {
    const n = 2n ** 8_000_000n - 1n;
    const started = performance.now();
    expect(decodeValue(encodeValue(n))).toBe(n);
    // About 0.6 s on an idle machine; a quadratic decoder takes minutes. The bound leaves room for a loaded one.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe("malformed input", () => {
  it("names what is wrong and where", () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(0), "corrupt: cannot decode value: no bytes"],
      [new Uint8Array([9, NULL]), "incompatible: cannot decode value: format version 9 is not supported (this build reads version 1)"],
      [bytes(0xff), "corrupt: cannot decode value at byte 1: unknown tag 0xff"],
      [bytes(FIXARRAY + 3, FIXINT), "corrupt: cannot decode value at byte 3: unexpected end of input"],
      [bytes(NULL, NULL), "corrupt: cannot decode value at byte 2: 1 bytes after the value"],
      [bytes(BACKREF, 0), "corrupt: cannot decode value at byte 2: reference to object #0, only 0 defined"],
      [bytes(FIXSHAPE + 2), "corrupt: cannot decode value at byte 2: reference to shape #2, only 0 defined"],
      [bytes(0x62), "corrupt: cannot decode value at byte 2: reference to string #2, only 0 defined"],
      [bytes(STR, 2, 0xc3, 0x28), "corrupt: cannot decode value at byte 3: malformed UTF-8 in a string"],
      [bytes(REGEXP, str("(("), str(""), FIXINT), 'corrupt: cannot decode value at byte 2: invalid regular expression /((/'],
      [bytes(REGEXP, str("a"), str("gg"), FIXINT), "corrupt: cannot decode value at byte 2: invalid regular expression /a/gg"],
      [bytes(URL_HREF, str("not a url")), 'corrupt: cannot decode value at byte 2: invalid URL "not a url"'],
      [bytes(ERROR, 99, 0), "corrupt: cannot decode value at byte 2: unknown error kind 99"],
      [bytes(INTEGRITY, 7, NULL), "corrupt: cannot decode value at byte 2: unknown integrity level 7"],
      [bytes(OBJ_DESC, 2, 0), "corrupt: cannot decode value at byte 2: unknown object flags 0x2"],
      [bytes(OBJ_DESC, 0, 1, str("a"), 9, NULL), "corrupt: cannot decode value at byte 6: unknown property attributes 0x9"],
      [bytes(OBJ_NEW, 1, FIXINT, NULL), "corrupt: cannot decode value at byte 3: expected a property key"],
      [bytes(REGEXP, FIXINT, str(""), FIXINT), "corrupt: cannot decode value at byte 2: expected a string, found tag 0x0"],
      [bytes(OBJ_DESC, 0, 2, str("a"), ATTR_ENUMERABLE, NULL, 0x60, ATTR_ENUMERABLE, FIXINT + 1),
        "corrupt: cannot decode value at byte 9: cannot define property a"],
    ];
    for (const [input, expected] of cases) {
      let got: string;
      try {
        got = rejection(input);
      } catch (e) {
        got = `${String(e)} for ${expected}`;
      }
      expect(got).toBe(expected);
    }
  });

  it("refuses a reference to an object still being built", () => {
    // A view whose buffer is the view itself.
    expect(rejection(bytes(VIEW, 2, BACKREF, 0, 0, 0))).toBe(
      "corrupt: cannot decode value at byte 4: reference to object #0 before it was created",
    );
  });

  it("turns a freeze that the built-in refuses into a CodecError", () => {
    const frozenBytes = bytes(INTEGRITY, 3, VIEW, 2, ARRAY_BUFFER, 1, 7, 0, 1);
    expect(rejection(frozenBytes)).toBe("corrupt: cannot decode value at byte 10: invalid data (Cannot freeze array buffer views with elements)");
  });
});

describe("limits", () => {
  it("bounds nesting depth", () => {
    const deep = bytes(...Array<number>(1200).fill(FIXARRAY + 1), NULL);
    expect(rejection(deep)).toBe("limit: cannot decode value at byte 1001: nesting deeper than 1000 levels (limits.maxDepth)");
    expect(rejection(bytes(FIXARRAY + 1, FIXARRAY + 1, NULL), { limits: { maxDepth: 2 } })).toBe(
      "limit: cannot decode value at byte 3: nesting deeper than 2 levels (limits.maxDepth)",
    );
  });

  it("bounds the number of values and the size", () => {
    expect(rejection(bytes(FIXARRAY + 3, NULL, NULL, NULL), { limits: { maxValues: 3 } })).toBe(
      "limit: cannot decode value at byte 4: more than 3 values (limits.maxValues)",
    );
    expect(rejection(bytes(NULL), { limits: { maxBytes: 1 } })).toBe(
      "limit: cannot decode value: its 2 bytes exceed limits.maxBytes (1)",
    );
  });

  it("leaves room on the stack at the default depth, for every kind of container", () => {
    const wrap: Record<string, (x: unknown) => unknown> = {
      object: (x) => ({ x }),
      nullPrototype: (x) => Object.assign(Object.create(null) as object, { x }),
      array: (x) => [x],
      sparse: (x) => [, x],
      map: (x) => new Map([[1, x]]),
      set: (x) => new Set([x]),
      error: (x) => new Error("e", { cause: x }),
    };
    for (const make of Object.values(wrap)) {
      let v: unknown = 1;
      for (let i = 0; i < 999; i++) v = make(v);
      expect(() => decodeValue(encodeValue(v))).not.toThrow();
    }
  });

  it("decodes whatever it encoded under the same limits", () => {
    let deep: unknown = null;
    for (let i = 0; i < 999; i++) deep = [deep];
    expect(decodeValue(encodeValue(deep))).toEqual(deep);
    const limits = { maxDepth: 6, maxValues: 9 };
    const value = { a: [1, { b: new Map([[1, [2]]]) }], c: "x" };
    expect(decodeValue(encodeValue(value, { limits }), { limits })).toEqual(value);
    expect(() => encodeValue(value, { limits: { maxDepth: 5 } })).toThrow("limits.maxDepth");
    expect(() => encodeValue(value, { limits: { maxValues: 8 } })).toThrow("limits.maxValues");
  });
});

describe("no code runs, nothing is polluted", () => {
  const singleton = Object.freeze({ kind: "singleton" }) as object;
  const open = { kind: "open" };
  class Point {
    static setterCalls = 0;
    set x(_v: number) {
      Point.setterCalls++;
    }
  }
  const hooks: CodecHooks = {
    resolveRef: (id) => ({ singleton, open, Point })[id],
  };

  it("defines __proto__, constructor and toString as own data properties", () => {
    const input = bytes(OBJ_NEW, 3, str("__proto__"), str("constructor"), str("toString"), FIXINT + 1, FIXINT + 2, FIXINT + 3);
    const out = decodeValue(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(out)).toEqual(["__proto__", "constructor", "toString"]);
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });

  it("never calls a setter of a registered class while defining fields", () => {
    const input = bytes(CLASS, REF, str("Point"), OBJ_NEW, 1, str("x"), FIXINT + 5);
    const out = decodeValue(input, hooks) as Point;
    expect(out).toBeInstanceOf(Point);
    expect(Object.getOwnPropertyDescriptor(out, "x")?.value).toBe(5);
    expect(Point.setterCalls).toBe(0);
  });

  it("never adds properties to, freezes or re-prototypes an existing object", () => {
    expect(rejection(bytes(EXTRA, REF, str("open"), 1, str("x"), 7, NULL), hooks)).toBe(
      "corrupt: cannot decode value at byte 2: extra properties need a fresh body",
    );
    expect(rejection(bytes(INTEGRITY, 3, REF, str("open")), hooks)).toBe(
      "corrupt: cannot decode value at byte 3: integrity needs a fresh body",
    );
    expect(rejection(bytes(CLASS, REF, str("Point"), REF, str("open")), hooks)).toBe(
      "corrupt: cannot decode value at byte 9: a class instance needs a fresh body",
    );
    expect(rejection(bytes(PROTO, REF, str("singleton"), REF, str("open")), hooks)).toBe(
      "corrupt: cannot decode value at byte 13: a class instance needs a fresh body",
    );
    expect(rejection(bytes(PROTO, NULL, OBJ_NEW, 0))).toBe("corrupt: cannot decode value at byte 2: a prototype is not an object");
    expect(rejection(bytes(FIXARRAY + 2, REF, str("open"), EXTRA, BACKREF, 0, 1, str("y"), 7, NULL), hooks)).toBe(
      "corrupt: cannot decode value at byte 9: extra properties need a fresh body",
    );
    expect(Object.keys(open)).toEqual(["kind"]);
    expect(Object.isFrozen(open)).toBe(false);
  });

  it("calls fromDurable only on a registered constructor, and reports what it throws", () => {
    expect(rejection(bytes(DURABLE, REF, str("Point"), NULL), hooks)).toBe(
      "incompatible: cannot decode value at byte 2: Point has no static fromDurable()",
    );
    expect(rejection(bytes(DURABLE, NULL, NULL), hooks)).toBe(
      "corrupt: cannot decode value at byte 2: a class constructor is not a function",
    );
    const Revived = class {
      static fromDurable(data: unknown): object {
        if (data !== 1) throw new Error("unexpected data");
        return new Revived();
      }
    };
    const h: CodecHooks = { resolveRef: () => Revived };
    expect(decodeValue(bytes(DURABLE, REF, str("R"), FIXINT + 1), h)).toBeInstanceOf(Revived);
    expect(rejection(bytes(DURABLE, REF, str("R"), FIXINT + 2), h)).toBe(
      "incompatible: cannot decode value at byte 2: Revived.fromDurable() threw: unexpected data",
    );
  });

  it("decodes errors without touching Error.stackTraceLimit for good, even when it is read-only", () => {
    const bytes = encodeValue(new RangeError("r"));
    const before = Error.stackTraceLimit;
    expect((decodeValue(bytes) as Error).message).toBe("r");
    expect(Error.stackTraceLimit).toBe(before);
    const descriptor = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")!;
    Object.defineProperty(Error, "stackTraceLimit", { ...descriptor, writable: false });
    try {
      expect(decodeValue(bytes)).toBeInstanceOf(RangeError);
    } finally {
      Object.defineProperty(Error, "stackTraceLimit", descriptor);
    }
  });

  it("keeps the undefined hooks out: no extension means no code", () => {
    expect(decodeValue(bytes(UNDEFINED))).toBeUndefined();
  });
});
