// A thrown value -> dispatch.sdk.v1.Error: type = its class name, message,
// value = the fallback encoding of the thrown value itself (so that dispatch-ts
// rebuilds it exactly, class included when the codec knows the class), and
// traceback = its stack text. This runs on the failure path, so it never
// throws: a part that cannot be produced (an error holding a socket cannot be
// encoded; a getter may throw) is left empty and the rest still travels.

import { create } from "@bufbuild/protobuf";
import { type Error as ErrorProto, ErrorSchema } from "../proto/messages.js";
import type { ValueEncoder } from "./fallback.js";

const utf8 = new TextEncoder();

export function errorToProto(thrown: unknown, fallback: ValueEncoder): ErrorProto {
  const proto = create(ErrorSchema);
  attempt(() => (proto.type = typeOf(thrown)));
  attempt(() => (proto.message = messageOf(thrown)));
  attempt(() => {
    const stack = (thrown as { stack?: unknown } | null)?.stack;
    if (typeof stack === "string") proto.traceback = utf8.encode(stack);
  });
  attempt(() => {
    const data = fallback.encode(thrown);
    if (data instanceof Uint8Array) proto.value = data;
  });
  if (proto.type === "") proto.type = "Error";
  return proto;
}

/**
 * The class name of a thrown value. A `name` set on the instance or on its own
 * class's prototype is deliberate (built-ins, DOMException, our status errors,
 * `this.name = ...`) and survives minification; otherwise `name` is inherited
 * from a base (a bare `class MyError extends Error {}` says "Error") and the
 * constructor's name is the better answer. A primitive is named by its typeof.
 */
export function typeOf(thrown: unknown): string {
  if (thrown === null) return "null";
  if (typeof thrown !== "object" && typeof thrown !== "function") return typeof thrown;
  const name = (thrown as { name?: unknown }).name;
  const proto: unknown = Object.getPrototypeOf(thrown);
  const deliberate = Object.hasOwn(thrown, "name") || (typeof proto === "object" && proto !== null && Object.hasOwn(proto, "name"));
  if (typeof name === "string" && name !== "" && deliberate) return name;
  const constructorName = (thrown as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof constructorName === "string" && constructorName !== "") return constructorName;
  return typeof name === "string" && name !== "" ? name : "Object";
}

function messageOf(thrown: unknown): string {
  if (typeof thrown === "object" && thrown !== null) {
    const message = (thrown as { message?: unknown }).message;
    return typeof message === "string" ? message : "";
  }
  return typeof thrown === "symbol" ? thrown.toString() : String(thrown);
}

function attempt(fn: () => unknown): void {
  try {
    fn();
  } catch {
    // Left empty on purpose: see the comment at the top.
  }
}
