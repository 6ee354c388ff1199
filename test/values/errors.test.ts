// Thrown values <-> dispatch.sdk.v1.Error.

import { create } from "@bufbuild/protobuf";
import { describe, expect, test } from "vitest";
import { ErrorSchema } from "../../runtime/proto/index.js";
import { StatusRegistry, ThrottledError, TimeoutError, statusName } from "../../runtime/status/index.js";
import { errorFromProto, errorToProto, rebuildError, typeOf } from "../../runtime/values/index.js";
import { identityCodec, refusingCodec, v8Codec } from "./fallbacks.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("errorToProto", () => {
  test("type, message, traceback and the encoded value", () => {
    const error = new TypeError("bad input");
    const proto = errorToProto(error, v8Codec);
    expect(proto.type).toBe("TypeError");
    expect(proto.message).toBe("bad input");
    expect(text(proto.traceback)).toBe(error.stack);
    expect(proto.value).toEqual(v8Codec.encode(error));
  });

  test("an error the codec cannot encode still carries its text", () => {
    const proto = errorToProto(new RangeError("too big"), refusingCodec);
    expect(proto.type).toBe("RangeError");
    expect(proto.message).toBe("too big");
    expect(proto.value).toHaveLength(0);
    expect(text(proto.traceback)).toMatch(/^RangeError: too big\n/);
  });

  test.each<[string, unknown, string, string]>([
    ["a subclass without a name", new (class PaymentDeclined extends Error {})("no funds"), "PaymentDeclined", "no funds"],
    ["a subclass of a status error", new (class SlowDown extends ThrottledError {})(), "SlowDown", ""],
    ["a status error", new ThrottledError("later"), "ThrottledError", "later"],
    ["a name set in the constructor", Object.assign(new Error("x"), { name: "CustomName" }), "CustomName", "x"],
    ["a DOMException", new DOMException("stop", "AbortError"), "AbortError", "stop"],
    ["an AggregateError", new AggregateError([], "all failed"), "AggregateError", "all failed"],
    ["a thrown string", "oops", "string", "oops"],
    ["a thrown number", 42, "number", "42"],
    ["a thrown undefined", undefined, "undefined", "undefined"],
    ["a thrown null", null, "null", "null"],
    ["a thrown symbol", Symbol("s"), "symbol", "Symbol(s)"],
    ["a thrown plain object", { code: 1 }, "Object", ""],
    ["a thrown object with a message", { message: "m" }, "Object", "m"],
    ["a thrown null-prototype object", Object.create(null), "Object", ""],
  ])("%s", (_, thrown, type, message) => {
    const proto = errorToProto(thrown, refusingCodec);
    expect(proto.type).toBe(type);
    expect(proto.message).toBe(message);
    expect(typeOf(thrown)).toBe(type);
  });

  test("never throws, even on a hostile value", () => {
    const hostile = new Proxy({}, {
      get() {
        throw new Error("trap");
      },
      getPrototypeOf() {
        throw new Error("trap");
      },
      has() {
        throw new Error("trap");
      },
      getOwnPropertyDescriptor() {
        throw new Error("trap");
      },
    });
    const proto = errorToProto(hostile, refusingCodec);
    expect(proto.type).toBe("Error");
    expect(proto.message).toBe("");
  });
});

describe("errorFromProto", () => {
  test("the decoded value when there is one: the very thrown value, any class", () => {
    class PaymentDeclined extends Error {}
    const codec = identityCodec();
    const thrown = new PaymentDeclined("no funds");
    expect(errorFromProto(errorToProto(thrown, codec), codec)).toBe(thrown);
    expect(errorFromProto(errorToProto("a string", codec), codec)).toBe("a string");
  });

  test("a JavaScript error round-trips through a real codec with its class", () => {
    const back = errorFromProto(errorToProto(new TypeError("bad"), v8Codec), v8Codec) as Error;
    expect(back).toBeInstanceOf(TypeError);
    expect(back.message).toBe("bad");
  });

  test("from Python: an Error named after the type, with the remote traceback", () => {
    const traceback = 'Traceback (most recent call last):\n  File "app.py", line 3, in f\nValueError: bad\n';
    const proto = create(ErrorSchema, {
      type: "ValueError",
      message: "bad",
      value: new Uint8Array([0x80, 0x04, 0x95, 0x00]), // a pickle: not ours to read
      traceback: new TextEncoder().encode(traceback),
    });
    const error = errorFromProto(proto, v8Codec) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ValueError");
    expect(error.message).toBe("bad");
    expect(error.stack).toBe(`ValueError: bad\n${traceback}`);
    expect(String(error)).toBe("ValueError: bad");
    expect(Object.keys(error)).toEqual([]);
  });

  test("a type that names a JavaScript built-in or a status error rebuilds that class", () => {
    const type = (t: string) => rebuildError(create(ErrorSchema, { type: t, message: "m" }));
    expect(type("TypeError")).toBeInstanceOf(TypeError);
    expect(type("RangeError")).toBeInstanceOf(RangeError);
    const timeout = type("TimeoutError");
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(statusName(new StatusRegistry().statusOf(timeout))).toBe("TIMEOUT");
    expect(type("ThrottledError")).toBeInstanceOf(ThrottledError);
    expect(Object.hasOwn(type("TypeError"), "name")).toBe(false);
  });

  test("a JavaScript stack is kept as it is", () => {
    const remote = new RangeError("too big");
    const error = rebuildError(errorToProto(remote, refusingCodec));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.stack).toBe(remote.stack);
  });

  test("without a type, a traceback or a message", () => {
    const error = rebuildError(create(ErrorSchema, {}));
    expect(error.name).toBe("Error");
    expect(error.message).toBe("");
    expect(error.stack).toBe("Error");
  });

  test("a value the codec refuses falls back to the text", () => {
    const proto = errorToProto(new ThrottledError("later"), identityCodec());
    const error = errorFromProto(proto, refusingCodec) as Error;
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error.message).toBe("later");
  });
});
