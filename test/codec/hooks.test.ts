// The engine's extension points: references by id (refOf/resolveRef), class
// instances rebuilt on a registered prototype without calling the constructor,
// toDurable/fromDurable, extensions with register() or standIn() for cycles, and tracing.

import { describe, expect, it } from "vitest";
import { types } from "node:util";
import { decodeValue, encodeValue, isCodecError, type CodecHooks, type Extension } from "../../runtime/codec/index.js";
import { expectSameGraph } from "./same-graph.js";

class Point {
  static constructed = 0;
  constructor(
    public x: number,
    public y: number,
  ) {
    Point.constructed++;
  }
  get length(): number {
    return Math.hypot(this.x, this.y);
  }
}
class Money {
  #cents: number;
  constructor(cents: number) {
    this.#cents = cents;
  }
  get cents(): number {
    return this.#cents;
  }
  toDurable(): unknown {
    return { cents: this.#cents };
  }
  static fromDurable(data: { cents: number }): Money {
    return new Money(data.cents);
  }
}
class HttpError extends Error {
  status = 500;
}
class Registry extends Map<string, number> {
  version = 2;
}
class Stack extends Array<number> {}
const helper = (): string => "helper";
const token = Symbol("token");
const singleton = { config: true };
const defaults = { retries: 3, shadowed: "inherited" };

const ids = new Map<unknown, string>([
  [Point, "Point"],
  [Money, "Money"],
  [HttpError, "HttpError"],
  [Registry, "Registry"],
  [Stack, "Stack"],
  [helper, "helper"],
  [token, "token"],
  [singleton, "singleton"],
  [defaults, "defaults"],
]);
const byId = new Map([...ids].map(([v, id]) => [id, v]));
const hooks: CodecHooks = {
  refOf: (v) => ids.get(v),
  resolveRef: (id) => {
    if (!byId.has(id)) throw new Error(`no binding ${id}`);
    return byId.get(id);
  },
};
const roundTrip = <T>(v: T, h: CodecHooks = hooks): T => decodeValue(encodeValue(v, h), h) as T;

describe("references", () => {
  it("encodes registered functions, symbols and objects by reference", () => {
    const out = roundTrip({ f: helper, s: token, o: singleton, again: [helper, token, singleton] });
    expect(out.f).toBe(helper);
    expect(out.s).toBe(token);
    expect(out.o).toBe(singleton);
    expect(out.again).toEqual([helper, token, singleton]);
  });

  it("accepts a registered symbol as a property key", () => {
    const out = roundTrip({ [token]: 1 }) as Record<symbol, number>;
    expect(out[token]).toBe(1);
  });

  it("wraps a resolveRef failure in a CodecError naming the id", () => {
    const bytes = encodeValue(helper, hooks);
    const strict: CodecHooks = { resolveRef: () => { throw new Error("renamed since"); } };
    expect(() => decodeValue(bytes, strict)).toThrow('cannot decode value at byte 2: cannot resolve reference "helper": renamed since');
    try {
      decodeValue(bytes, strict);
    } catch (e) {
      expect(isCodecError(e) && e.code).toBe("incompatible");
    }
  });

  it("refuses a reference when there is no resolveRef hook", () => {
    expect(() => decodeValue(encodeValue(helper, hooks))).toThrow(
      'cannot decode value at byte 2: cannot resolve reference "helper": no resolveRef hook',
    );
  });
});

describe("class instances", () => {
  it("rebuilds an instance on its prototype without calling the constructor", () => {
    const p = new Point(3, 4);
    const before = Point.constructed;
    const out = roundTrip(p);
    expect(Point.constructed).toBe(before);
    expect(out).toBeInstanceOf(Point);
    expect(out.length).toBe(5);
    expectSameGraph(out, p);
  });

  it("rebuilds an object whose prototype is a registered object (Object.create of a module-level object)", () => {
    const o = Object.assign(Object.create(defaults) as Record<string, unknown>, { own: 1, shadowed: "own" });
    const out = roundTrip(o);
    expect(Object.getPrototypeOf(out)).toBe(defaults);
    expect(out.retries).toBe(3);
    expectSameGraph(out, o);
    expect(Object.isFrozen(roundTrip(Object.freeze(Object.create(defaults) as object)))).toBe(true);
  });

  it("uses toDurable and fromDurable when the class has both", () => {
    const out = roundTrip([new Money(1234), new Money(1)]);
    expect(out[0]).toBeInstanceOf(Money);
    expect(out[0]!.cents).toBe(1234);
    expect(out[1]!.cents).toBe(1);
  });

  it("keeps a shared durable instance shared", () => {
    const m = new Money(5);
    const out = roundTrip({ a: m, b: m });
    expect(out.a).toBe(out.b);
  });

  it("keeps a registered Error subclass a real error of that class", () => {
    const e = new HttpError("not found");
    e.status = 404;
    const out = roundTrip(e);
    expect(out).toBeInstanceOf(HttpError);
    expect(types.isNativeError(out)).toBe(true);
    expectSameGraph(out, e);
  });

  it("copies an unregistered Error subclass as its built-in base, keeping its name", () => {
    class LibraryError extends TypeError {
      code = "E_LIB";
    }
    LibraryError.prototype.name = "LibraryError";
    const out = roundTrip(new LibraryError("bad"), {});
    expect(Object.getPrototypeOf(out)).toBe(TypeError.prototype);
    expect(out.name).toBe("LibraryError");
    expect(out.code).toBe("E_LIB");
    expect(out.message).toBe("bad");
  });

  it("rebuilds subclasses of built-ins with their state and own fields", () => {
    const r = new Registry([["a", 1]]);
    const s = Stack.from([1, 2, 3]) as Stack;
    const out = roundTrip([r, s] as const);
    expect(out[0]).toBeInstanceOf(Registry);
    expect(out[0].get("a")).toBe(1);
    expect(out[0].version).toBe(2);
    expect(out[1]).toBeInstanceOf(Stack);
    expectSameGraph(out, [r, s]);
  });
});

describe("extensions", () => {
  class Frame {
    locals: unknown[] = [];
    parent: Frame | undefined;
    constructor(readonly fn: string) {}
  }
  const frames: Extension<Frame> = {
    tag: "frame",
    match: (v): v is Frame => v instanceof Frame,
    encode(f, out) {
      out.write(f.fn);
      out.write(f.locals.length);
      f.locals.forEach((v, i) => out.write(v, `local ${i}`));
      out.write(f.parent, "parent");
    },
    decode(input) {
      const fn = input.read();
      if (typeof fn !== "string") throw new Error("bad frame");
      const f = new Frame(fn);
      input.register(f);
      const n = input.read() as number;
      for (let i = 0; i < n; i++) f.locals.push(input.read());
      f.parent = input.read() as Frame | undefined;
      return f;
    },
  };
  const h: CodecHooks = { ...hooks, extensions: [frames] };

  it("round-trips objects through an extension, with cycles back to them", () => {
    const root = new Frame("main");
    const child = new Frame("helper");
    child.parent = root;
    root.locals.push(child, { back: root }, new Point(1, 2));
    const out = roundTrip(root, h);
    expect(out).toBeInstanceOf(Frame);
    const outChild = out.locals[0] as Frame;
    expect(outChild.parent).toBe(out);
    expect((out.locals[1] as { back: unknown }).back).toBe(out);
    expect(out.locals[2]).toBeInstanceOf(Point);
  });

  it("writes the extension tag once", () => {
    const many = Array.from({ length: 10 }, (_, i) => new Frame(`f${i % 2}`));
    const bytes = encodeValue(many, h);
    const text = Buffer.from(bytes).toString("latin1");
    expect(text.split("frame").length - 1).toBe(1);
  });

  it("passes an extension's own decode error through unchanged", () => {
    class EngineError extends Error {}
    const strict: Extension<Frame> = { ...frames, decode: () => { throw new EngineError("layout changed"); } };
    const bytes = encodeValue(new Frame("x"), h);
    expect(() => decodeValue(bytes, { extensions: [strict] })).toThrow(EngineError);
  });

  it("refuses a state whose extension is not loaded", () => {
    const bytes = encodeValue(new Frame("x"), h);
    expect(() => decodeValue(bytes)).toThrow('cannot decode value at byte 2: unknown extension "frame"');
  });

  // Like the engine's closures: made from what is read (a label and its contents), so it cannot
  // be registered first; a reference back to it before it is made gets the stand-in it declared.
  class Sealed {
    constructor(readonly label: string, readonly contents: unknown) {}
  }
  class Forward {
    target: Sealed | undefined;
  }
  function sealedExtension(made: { standIns: number }, returnStandIn = true): Extension<object> {
    return {
      tag: "sealed",
      match: (v): v is Sealed => v instanceof Sealed,
      encode(s, out) {
        out.write((s as Sealed).label);
        out.write((s as Sealed).contents);
      },
      decode(input) {
        let stand: Forward | undefined;
        input.standIn(() => {
          made.standIns++;
          return (stand = new Forward());
        });
        const label = input.read();
        const contents = input.read();
        if (typeof label !== "string") throw new Error("bad sealed");
        const built = new Sealed(label, contents);
        if (stand === undefined || !returnStandIn) return built;
        stand.target = built;
        return stand;
      },
    };
  }

  it("gives a cycle back to an object built from its parts the stand-in its extension declared", () => {
    const made = { standIns: 0 };
    const inner: { owner?: unknown; again?: unknown } = {};
    const sealed = new Sealed("box", inner);
    inner.owner = sealed;
    inner.again = sealed;
    const out = decodeValue(encodeValue([sealed, sealed], { extensions: [sealedExtension(made)] }), { extensions: [sealedExtension(made)] }) as unknown[];
    expect(made.standIns).toBe(1);
    const stand = out[0] as Forward;
    expect(stand).toBeInstanceOf(Forward);
    expect(out[1]).toBe(stand);
    expect(stand.target!.label).toBe("box");
    const contents = stand.target!.contents as { owner: unknown; again: unknown };
    expect(contents.owner).toBe(stand);
    expect(contents.again).toBe(stand);
  });

  it("makes no stand-in when nothing refers back to the object before it is built", () => {
    const made = { standIns: 0 };
    const sealed = new Sealed("box", { plain: [1, 2] });
    const out = decodeValue(encodeValue({ a: sealed, b: sealed }, { extensions: [sealedExtension(made)] }), { extensions: [sealedExtension(made)] }) as { a: unknown; b: unknown };
    expect(made.standIns).toBe(0);
    expect(out.a).toBeInstanceOf(Sealed);
    expect(out.b).toBe(out.a);
  });

  it("refuses an extension that made a stand-in but returns another object", () => {
    const made = { standIns: 0 };
    const inner: { owner?: unknown } = {};
    inner.owner = new Sealed("box", inner);
    const bytes = encodeValue(inner.owner, { extensions: [sealedExtension(made)] });
    expect(() => decodeValue(bytes, { extensions: [sealedExtension(made, false)] })).toThrow('extension "sealed" registered another object than it returned');
  });

  it("lets an extension declare one stand-in, not next to register()", () => {
    const twice: Extension<Sealed> = {
      ...(sealedExtension({ standIns: 0 }) as Extension<Sealed>),
      decode(input) {
        input.register(new Sealed("x", undefined));
        input.standIn(() => ({}));
        return new Sealed("x", undefined);
      },
    };
    const bytes = encodeValue(new Sealed("x", 1), { extensions: [twice] });
    expect(() => decodeValue(bytes, { extensions: [twice] })).toThrow("standIn() must be called once");
  });

  it("traces each value with its path", () => {
    const seen: string[] = [];
    const root = new Frame("main");
    root.locals.push({ user: { name: "ada" } });
    encodeValue(root, { ...h, trace: (path, value) => seen.push(`${path} = ${typeof value}`) });
    expect(seen).toEqual([
      "value = object",
      "value = string",
      "value = number",
      "local 0 = object",
      "local 0.user = object",
      "local 0.user.name = string",
      "parent = undefined",
    ]);
  });
});
