// What cannot be serialized fails at encode time, with a message that names
// what, where and what to do instead: "cannot serialize <what> at <path>: <reason>".

import { describe, expect, it } from "vitest";
import { types } from "node:util";
import { encodeValue, isCodecError, type CodecHooks, type Extension } from "../../runtime/codec/index.js";

function refusal(value: unknown, hooks?: CodecHooks): { message: string; code: string; path?: string } {
  try {
    encodeValue(value, hooks);
  } catch (e) {
    if (!isCodecError(e)) throw e;
    return { message: e.message, code: e.code, path: e.path };
  }
  throw new Error("expected a refusal");
}
const message = (value: unknown, hooks?: CodecHooks) => refusal(value, hooks).message;

const FUNCTION = "functions are serialized only when declared at module level or in a durable body";
const CLASS =
  "declare the class in a module compiled with the dispatch-ts plugin (tspc or the Vite plugin), or register it with dispatch.registerReference(\"some-id\", TheClass)";
const WEAK = "weak collections and references cannot be serialized; keep the data in a Map or Set, or rebuild it after the await";

describe("refusals", () => {
  it("names a function and the frame and local holding it", () => {
    class Frame {
      constructor(readonly locals: Record<string, unknown>) {}
    }
    const frames: Extension<Frame> = {
      tag: "frame",
      match: (v): v is Frame => v instanceof Frame,
      encode: (f, out) => {
        for (const [k, v] of Object.entries(f.locals)) out.write(v, `frame main (app.ts:12) > local ${k}`);
      },
      decode: () => new Frame({}),
    };
    async function fetchUser(): Promise<void> {}
    const r = refusal(new Frame({ n: 1, cb: fetchUser }), { extensions: [frames] });
    expect(r.message).toBe(`cannot serialize function fetchUser at frame main (app.ts:12) > local cb: ${FUNCTION}`);
    expect(r.code).toBe("unsupported");
    expect(r.path).toBe("frame main (app.ts:12) > local cb");
  });

  it("builds paths from properties, indices, map entries and set members", () => {
    const f = () => 1;
    expect(message({ a: { b: [0, 1, f] } })).toBe(`cannot serialize function f at value.a.b[2]: ${FUNCTION}`);
    expect(message({ "odd key": f })).toBe(`cannot serialize function f at value["odd key"]: ${FUNCTION}`);
    expect(message({ [Symbol.for("k")]: f })).toBe(`cannot serialize function f at value[Symbol(k)]: ${FUNCTION}`);
    expect(message(new Map([["k", f]]))).toBe(`cannot serialize function f at value.get("k"): ${FUNCTION}`);
    expect(message(new Map([[f, 1]]))).toBe(`cannot serialize function f at value<map key>: ${FUNCTION}`);
    expect(message(new Set([f]))).toBe(`cannot serialize function f at value<set member>: ${FUNCTION}`);
    expect(message(f)).toBe(`cannot serialize function f at value: ${FUNCTION}`);
    expect(message([function () {}])).toBe(`cannot serialize function (anonymous) at value[0]: ${FUNCTION}`);
    expect(message({ bound: f.bind(null) })).toBe(`cannot serialize function bound f at value.bound: ${FUNCTION}`);
  });

  it("refuses local symbols, as values and as keys", () => {
    const reason = "only registered (Symbol.for) and well-known symbols, or symbols declared at module level, can be serialized";
    expect(message({ s: Symbol("local") })).toBe(`cannot serialize symbol Symbol(local) at value.s: ${reason}`);
    expect(message({ o: { [Symbol("k")]: 1 } })).toBe(`cannot serialize symbol Symbol(k) at value.o: ${reason}`);
  });

  it("refuses accessor properties without invoking them", () => {
    let invoked = false;
    const user = {
      get name() {
        invoked = true;
        return "ada";
      },
    };
    expect(message({ user })).toBe(
      "cannot serialize accessor property at value.user.name: getters and setters are never invoked; store a plain data value instead",
    );
    const setterOnly = Object.defineProperty({}, "x", { set() {}, enumerable: true });
    expect(message(setterOnly)).toBe(
      "cannot serialize accessor property at value.x: getters and setters are never invoked; store a plain data value instead",
    );
    expect(invoked).toBe(false);
  });

  it("never calls a Map's, Set's or Date's own or patched methods", () => {
    const called: string[] = [];
    const m = new Map([["a", 1]]);
    Object.defineProperty(m, "forEach", { value: () => called.push("own forEach"), enumerable: false });
    expect(message({ m })).toMatch(/ at value\.m\.forEach: functions are serialized only /);
    const saved = { mapForEach: Map.prototype.forEach, setForEach: Set.prototype.forEach, getTime: Date.prototype.getTime };
    try {
      Map.prototype.forEach = function () {
        called.push("Map.prototype.forEach");
      };
      Set.prototype.forEach = function () {
        called.push("Set.prototype.forEach");
      };
      Date.prototype.getTime = function () {
        called.push("Date.prototype.getTime");
        return 0;
      };
      expect(() => encodeValue([new Map([["a", 1]]), new Set([1]), new Date(5)])).not.toThrow();
    } finally {
      Map.prototype.forEach = saved.mapForEach;
      Set.prototype.forEach = saved.setForEach;
      Date.prototype.getTime = saved.getTime;
    }
    expect(called).toEqual([]);
  });

  it("refuses a proxy without running any trap", () => {
    const traps: string[] = [];
    const p = new Proxy({}, new Proxy({}, { get: (_t, name) => (traps.push(String(name)), undefined) }));
    expect(message({ p })).toBe(
      "cannot serialize Proxy at value.p: proxies are never serialized, since reading them would run their traps; store the target object instead",
    );
    expect(traps).toEqual([]);
  });

  it("refuses a module namespace object, whose null prototype is no reason to copy it as a plain object", async () => {
    const source = "data:text/javascript,export let live = 1; export function bump() { live++; }";
    const ns: unknown = await import(source);
    expect(types.isModuleNamespaceObject(ns), "the test needs a real namespace").toBe(true);
    expect(message({ ns })).toBe("cannot serialize module namespace object at value.ns: refer to the module's exports by name instead");
    expect(() => encodeValue({ plain: Object.create(null) as object })).not.toThrow();
  });

  it("refuses weak collections, promises and shared memory", () => {
    expect(message({ w: new WeakMap() })).toBe(`cannot serialize WeakMap at value.w: ${WEAK}`);
    expect(message({ w: new WeakSet() })).toBe(`cannot serialize WeakSet at value.w: ${WEAK}`);
    expect(message({ w: new WeakRef({}) })).toBe(`cannot serialize WeakRef at value.w: ${WEAK}`);
    expect(message({ p: Promise.resolve(1) })).toBe(
      "cannot serialize Promise at value.p: promises cannot be serialized; await it before the durable call, or make the work a durable call",
    );
    expect(message(new Uint8Array(new SharedArrayBuffer(4)))).toBe(
      "cannot serialize SharedArrayBuffer at value.buffer: shared memory cannot be serialized; copy it into an ArrayBuffer",
    );
  });

  it("refuses iterators and generator objects", () => {
    function* gen() {}
    expect(message({ g: gen() })).toBe(
      "cannot serialize generator object at value.g: a native generator cannot be saved; generators declared at the top level of a module with durable code (function*, or a generator method of a top-level class or object) are; move it there",
    );
    async function* agen() {}
    expect(message({ g: agen() })).toBe(
      "cannot serialize async generator object at value.g: async generators cannot be serialized; consume it before the next await, or collect its values into an array",
    );
    const iterator = "cannot serialize iterator at value.it: built-in iterators cannot be serialized; iterate over the collection itself or over a copy";
    expect(message({ it: new Map().entries() })).toBe(iterator);
    expect(message({ it: [1][Symbol.iterator]() })).toBe(iterator);
  });

  it("refuses instances of unregistered classes", () => {
    class Connection {
      socket = 1;
    }
    expect(message({ conn: new Connection() })).toBe(`cannot serialize instance of class Connection at value.conn: ${CLASS}`);
    expect(message({ o: Object.create({ inherited: 1 }) })).toBe(
      "cannot serialize object with a custom prototype at value.o: only plain objects, built-ins and instances of registered classes can be serialized",
    );
    class Pool extends Map {}
    expect(message({ pool: new Pool() })).toBe(`cannot serialize instance of class Pool at value.pool: ${CLASS}`);
  });

  it("refuses platform objects with internal state, even when their constructor has an id", () => {
    const builtins: CodecHooks = { refOf: (v) => (typeof v === "function" && v.name ? `builtin:${v.name}` : undefined) };
    expect(message({ q: new URLSearchParams("a=1") }, builtins)).toBe(
      "cannot serialize instance of class URLSearchParams at value.q: instances of this built-in class keep internal state that cannot be copied; store plain data instead (its string form, for example)",
    );
    expect(message({ f: new Intl.NumberFormat("en") }, builtins)).toBe(
      "cannot serialize instance of class NumberFormat at value.f: instances of this built-in class keep internal state that cannot be copied; store plain data instead (its string form, for example)",
    );
    expect(message({ s: new AbortController().signal }, builtins)).toBe(
      "cannot serialize instance of class AbortSignal at value.s: its class extends EventTarget, a built-in whose instances keep internal state that cannot be copied; give it toDurable() and a static fromDurable()",
    );
    expect(message({ p: Promise.resolve() }, builtins)).toBe(
      "cannot serialize Promise at value.p: promises cannot be serialized; await it before the durable call, or make the work a durable call",
    );
    expect(message({ w: new WeakMap() }, builtins)).toBe(`cannot serialize WeakMap at value.w: ${WEAK}`);
    class Bus extends EventTarget {}
    expect(message({ bus: new Bus() }, { refOf: (v) => (v === Bus ? "Bus" : undefined) })).toBe(
      "cannot serialize instance of class Bus at value.bus: its class extends EventTarget, a built-in whose instances keep internal state that cannot be copied; give it toDurable() and a static fromDurable()",
    );
  });

  it("refuses what a registered class cannot carry", () => {
    class Deferred extends Promise<void> {}
    class Broken {
      toDurable(): unknown {
        throw new Error("no state");
      }
      static fromDurable(): Broken {
        return new Broken();
      }
    }
    class Loop {
      self = this;
      toDurable(): unknown {
        return { self: this };
      }
      static fromDurable(): Loop {
        return new Loop();
      }
    }
    const hooks: CodecHooks = { refOf: (v) => (v === Deferred || v === Broken || v === Loop ? (v as Function).name : undefined) };
    expect(message({ d: new Deferred(() => {}) }, hooks)).toBe(
      "cannot serialize instance of class Deferred at value.d: its class extends Promise, a built-in whose instances keep internal state that cannot be copied; give it toDurable() and a static fromDurable()",
    );
    expect(message({ b: new Broken() }, hooks)).toBe("cannot serialize instance of class Broken at value.b: its toDurable() threw: no state");
    expect(message({ l: new Loop() }, hooks)).toBe(
      "cannot serialize instance of class Loop at value.l.toDurable().self: its toDurable() data refers back to the instance itself, which fromDurable() cannot rebuild",
    );
  });

  it("stops at the limits, naming them", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20; i++) deep = [deep];
    const r = refusal(deep, { limits: { maxDepth: 10 } });
    expect(r.code).toBe("limit");
    expect(r.message).toBe("cannot serialize array at value[0][0][0][0][0][0][0][0][0][0]: nesting deeper than 10 levels (limits.maxDepth)");
    let deeper: unknown = 1;
    for (let i = 0; i < 100; i++) deeper = [deeper];
    const segments = "[0]".repeat(24);
    expect(message(deeper, { limits: { maxDepth: 60 } })).toBe(
      `cannot serialize array at value${segments} … ${segments}: nesting deeper than 60 levels (limits.maxDepth)`,
    );
    expect(message([1, 2, 3, 4], { limits: { maxValues: 4 } })).toBe(
      "cannot serialize number at value[3]: more than 4 values (limits.maxValues)",
    );
    expect(message("x".repeat(100), { limits: { maxBytes: 50 } })).toBe(
      "cannot serialize value: its 104 bytes exceed limits.maxBytes (50)",
    );
    expect(message(Array.from({ length: 10 }, (_, i) => `${i}`.repeat(5000)), { limits: { maxBytes: 6000 } })).toBe(
      "cannot serialize value: more than 6000 bytes (limits.maxBytes)",
    );
    expect(() => encodeValue("z".repeat(5000), { limits: { maxBytes: 6000 } })).not.toThrow();
  });
});
