// Names a value the encoder refuses and says what to do instead. Runs only on
// the error path, so it may be slow; it still never invokes getters or traps.

import { types } from "node:util";

export interface Refusal {
  what: string;
  reason: string;
}

const FUNCTION = "functions are serialized only when declared at module level or in a durable body";
const SYMBOL =
  "only registered (Symbol.for) and well-known symbols, or symbols declared at module level, can be serialized";
const CLASS =
  "declare the class in a module compiled with the dispatch-ts plugin (tspc or the Vite plugin), or register it with dispatch.registerReference(\"some-id\", TheClass)";
const WEAK = "weak collections and references cannot be serialized; keep the data in a Map or Set, or rebuild it after the await";

const AsyncGeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())) as object;

/** Whether `target` is on the chain from `proto` (by identity: no getter or trap runs). */
function inherits(proto: object | null, target: object): boolean {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) if (p === target) return true;
  return false;
}

export function describeUnsupported(value: unknown): Refusal {
  if (typeof value === "function") return { what: `function ${functionName(value)}`, reason: FUNCTION };
  if (typeof value === "symbol") return { what: `symbol ${value.toString()}`, reason: SYMBOL };
  if (typeof value !== "object" || value === null) return { what: typeof value, reason: "unknown kind of value" };
  if (types.isProxy(value)) {
    return {
      what: "Proxy",
      reason: "proxies are never serialized, since reading them would run their traps; store the target object instead",
    };
  }
  if (types.isPromise(value)) {
    return {
      what: "Promise",
      reason: "promises cannot be serialized; await it before the durable call, or make the work a durable call",
    };
  }
  if (types.isWeakMap(value)) return { what: "WeakMap", reason: WEAK };
  if (types.isWeakSet(value)) return { what: "WeakSet", reason: WEAK };
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === WeakRef.prototype) return { what: "WeakRef", reason: WEAK };
  if (proto === FinalizationRegistry.prototype) return { what: "FinalizationRegistry", reason: WEAK };
  if (types.isSharedArrayBuffer(value)) {
    return { what: "SharedArrayBuffer", reason: "shared memory cannot be serialized; copy it into an ArrayBuffer" };
  }
  if (types.isGeneratorObject(value) && inherits(proto, AsyncGeneratorPrototype)) {
    return {
      what: "async generator object",
      reason: "async generators cannot be serialized; consume it before the next await, or collect its values into an array",
    };
  }
  if (types.isGeneratorObject(value)) {
    return {
      what: "generator object",
      reason:
        "a native generator cannot be saved; generators declared at the top level of a module with durable code (function*, or a generator method of a top-level class or object) are; move it there",
    };
  }
  if (types.isMapIterator(value) || types.isSetIterator(value) || isBuiltinIterator(proto)) {
    return {
      what: "iterator",
      reason: "built-in iterators cannot be serialized; iterate over the collection itself or over a copy",
    };
  }
  if (types.isModuleNamespaceObject(value)) {
    return { what: "module namespace object", reason: "refer to the module's exports by name instead" };
  }
  const ctor = constructorOf(proto);
  if (ctor === undefined) {
    return {
      what: "object with a custom prototype",
      reason: "only plain objects, built-ins and instances of registered classes can be serialized",
    };
  }
  return { what: `instance of class ${functionName(ctor)}`, reason: CLASS };
}

/** The constructor that owns proto (proto.constructor.prototype === proto), read without getters. */
export function constructorOf(proto: object | null): Function | undefined {
  if (proto === null) return undefined;
  const d = Object.getOwnPropertyDescriptor(proto, "constructor");
  const ctor: unknown = d?.value;
  if (typeof ctor !== "function") return undefined;
  const p = Object.getOwnPropertyDescriptor(ctor, "prototype");
  return p?.value === proto ? ctor : undefined;
}

export function functionName(f: Function): string {
  const d = Object.getOwnPropertyDescriptor(f, "name");
  return typeof d?.value === "string" && d.value !== "" ? d.value : "(anonymous)";
}

const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;

function isBuiltinIterator(proto: object | null): boolean {
  return proto !== null && Object.getPrototypeOf(proto) === iteratorPrototype;
}
