// Instances with `#private` state, for classes of transformed modules
// (transformer/private-state.ts registers, from a static block of each class
// with private instance elements, a reader and a writer of its private fields;
// classes on the same extends chain in the file register without them).
//
// Saved as: the class (a reference: it must be a top-level binding of its
// module), the own properties with their attributes, then the private fields
// of each registered class on the chain, most derived first. Restored by
// `new C()` while `restoring()` is true: the compiler made every constructor of
// the chain return at once and every instance field initializer skip, so no
// user code runs and the object has the classes' private fields and brands;
// then the own properties and private fields are written.
//
// Above the registered classes the chain may reach a built-in: Object, Array
// and the errors keep their state in own properties; Map, Set and Date keep it
// in internal slots, saved after the private fields (entries, time). Any other
// built-in is refused, and so is a class the compiler did not register that is
// not a top-level class of a transformed module: its constructor would run on
// restore and its #private fields, which nothing can read from outside the
// class, would be lost without a word. (A transformed module registers every
// class with #private members, so its other classes have none.) A class with
// toDurable() and a static fromDurable() is left to the codec, which calls them.
import { types } from "node:util";
import type { Extension } from "../codec/index.js";
import { runtimeRefs } from "./runtime-refs.js";
import { StateError } from "./state-error.js";
import { ERROR_KINDS } from "../codec/tags.js";

interface PrivateHook {
  cls: Function;
  read: ((o: object) => unknown[]) | undefined;
  write: ((o: object, values: unknown[]) => void) | undefined;
}

/** Registered classes, by their prototype. */
const hooks = new WeakMap<object, PrivateHook>();
let restoringDepth = 0;

/** Called from the class's static block. */
export function privateState(cls: Function, read?: (o: object) => unknown[], write?: (o: object, values: unknown[]) => void): void {
  const proto = (cls as { prototype?: unknown }).prototype;
  if (typeof proto === "object" && proto !== null) hooks.set(proto, { cls, read, write });
}

/** Whether the runtime is constructing an instance to restore it (generated constructors and field initializers check it). */
export function restoring(): boolean {
  return restoringDepth > 0;
}

/** The registered classes on an object's prototype chain, most derived first, while they are registered; undefined when none has private state. */
function chainOf(proto: object | null): PrivateHook[] | undefined {
  let out: PrivateHook[] | undefined;
  let withState = false;
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const h = hooks.get(p);
    if (h === undefined) break;
    (out ??= []).push(h);
    if (h.read !== undefined) withState = true;
  }
  return withState ? out : undefined;
}

/** Whether some class above the registered part of the chain still has private state (a class of another module extends ours). */
function hasHookAbove(proto: object | null): boolean {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) if (hooks.get(p)?.read !== undefined) return true;
  return false;
}

const name = (c: Function): string => (typeof c.name === "string" && c.name !== "" ? c.name : "(anonymous class)");

/** How the built-in at the top of a chain keeps its state. */
const enum Body {
  /** Own properties only (Object, Array, the errors). */
  Props = 0,
  MapEntries = 1,
  SetValues = 2,
  DateTime = 3,
}

const BODIES = new Map<object, Body>([
  [Object.prototype, Body.Props],
  [Array.prototype, Body.Props],
  ...ERROR_KINDS.map((C) => [C.prototype, Body.Props] as [object, Body]),
  [Map.prototype, Body.MapEntries],
  [Set.prototype, Body.SetValues],
  [Date.prototype, Body.DateTime],
]);

const ctorOf = (p: object): Function | undefined => {
  const c = Object.getOwnPropertyDescriptor(p, "constructor")?.value as unknown;
  return typeof c === "function" ? c : undefined;
};

/**
 * What lies above the registered classes of a chain: the body to save, or why the instance
 * cannot be restored. `own` names the instance's class in the message.
 */
function bodyAbove(top: object, own: Function): Body {
  const fix = `give ${name(own)} toDurable() and a static fromDurable(), or keep the instance out of the state`;
  const gap = Object.getPrototypeOf(top) as object | null;
  if (hasHookAbove(gap)) {
    // Sub (registered) extends Mid (not registered) extends Base (#private): the registered part
    // ends at Mid, so Base's fields would not be saved.
    let p = gap!;
    while (hooks.get(p)?.read === undefined) p = Object.getPrototypeOf(p) as object;
    const mid = ctorOf(gap!);
    const base = hooks.get(p)!.cls;
    throw new StateError(
      `cannot save an instance of class ${name(own)}: its base class ${mid ? name(mid) : "(unknown)"} extends ${name(base)}, which has #private fields, from another module, and the compiler did not register ${mid ? name(mid) : "it"}, so the fields of ${name(base)} would be lost; declare ${mid ? name(mid) : "the subclass"} in the module of ${name(base)}, or give it a #private member of its own, or ${fix}`,
      "unserializable",
    );
  }
  for (let p = gap; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const body = BODIES.get(p);
    if (body !== undefined) return body;
    const c = ctorOf(p);
    const native = c !== undefined && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(c));
    if (native) {
      throw new StateError(
        `cannot save an instance of class ${name(own)}: it extends ${name(c)}, a built-in whose instances keep internal state that saving #private fields does not copy (only Object, Array, Error, Map, Set and Date are); ${fix}`,
        "unserializable",
      );
    }
    // A top-level class of a transformed module would have been registered if it had #private members.
    if (c !== undefined && runtimeRefs.refOf(c) !== undefined) continue;
    throw new StateError(
      `cannot save an instance of class ${name(own)}: its base class ${c ? name(c) : "(unknown)"} was not registered by the compiler (it is not a top-level class of a module with durable code), so its #private fields, if it has any, could not be saved, and its constructor would run again on resume; declare ${c ? name(c) : "the base class"} in a module with durable code, or ${fix}`,
      "unserializable",
    );
  }
  return Body.Props;
}

/** A class that saves itself: the codec calls toDurable() and fromDurable(). */
function savesItself(o: object, proto: object): boolean {
  const c = ctorOf(proto) as { fromDurable?: unknown } | undefined;
  return typeof (o as { toDurable?: unknown }).toDurable === "function" && typeof c?.fromDurable === "function";
}

export function privateStateExtension(): Extension<object> {
  return {
    tag: "private-state",
    match(v): v is object {
      if (typeof v !== "object" || types.isProxy(v)) return false;
      const proto = Object.getPrototypeOf(v) as object | null;
      return hasHookAbove(proto) && !savesItself(v, proto!);
    },
    encode(o, out) {
      const proto = Object.getPrototypeOf(o) as object;
      const chain = chainOf(proto);
      const first = hooks.get(proto);
      if (chain === undefined || first === undefined) {
        // The object's own class is not one the compiler saw: its constructor would run user code on restore.
        let p = proto;
        while (!hooks.has(p)) p = Object.getPrototypeOf(p) as object;
        const base = hooks.get(p)!.cls;
        const own = (Object.getOwnPropertyDescriptor(proto, "constructor")?.value ?? undefined) as Function | undefined;
        throw new StateError(
          `cannot save an instance of class ${own ? name(own) : "(unknown)"}: it extends ${name(base)}, which has #private fields, and the compiler did not register the subclass (it registers the classes of a module with durable code that have #private members, and the subclasses declared in the same file as such a class); declare the subclass next to ${name(base)}, give it a #private member of its own in a module with durable code (or "use durable"), or keep the instance out of the state`,
          "unserializable",
        );
      }
      if (runtimeRefs.refOf(first.cls) === undefined) {
        throw new StateError(
          `cannot save an instance of class ${name(first.cls)}: it has #private fields and the class is not declared at the top level of its module, so a resume could not find it; move the class to the top level`,
          "unserializable",
        );
      }
      const body = bodyAbove((chain[chain.length - 1]!.cls as { prototype: object }).prototype, first.cls);
      out.write(first.cls);
      const props: unknown[] = [];
      for (const key of Reflect.ownKeys(o)) {
        const d = Object.getOwnPropertyDescriptor(o, key)!;
        if (!("value" in d)) throw new StateError(`cannot save an instance of class ${name(first.cls)}: its own property ${String(key)} is an accessor`, "unserializable");
        props.push(key, d.value, (d.writable ? 1 : 0) | (d.enumerable ? 2 : 0) | (d.configurable ? 4 : 0));
      }
      out.write(props, `instance of class ${name(first.cls)}`);
      for (const h of chain) if (h.read !== undefined) out.write(h.read(o), `#private fields of class ${name(h.cls)}`);
      if (body === Body.MapEntries) out.write([...Map.prototype.entries.call(o as Map<unknown, unknown>)], `entries of class ${name(first.cls)}`);
      else if (body === Body.SetValues) out.write([...Set.prototype.values.call(o as Set<unknown>)], `members of class ${name(first.cls)}`);
      else if (body === Body.DateTime) out.write(Date.prototype.getTime.call(o as Date));
    },
    decode(input) {
      const cls = input.read();
      const proto = typeof cls === "function" ? ((cls as { prototype?: unknown }).prototype as object | undefined) : undefined;
      const chain = proto !== undefined && hooks.get(proto)?.cls === cls ? chainOf(proto) : undefined;
      if (chain === undefined) throw new StateError("cannot resume an instance with #private fields: its class is not one this build registered", "incompatible");
      restoringDepth++;
      let o: object;
      try {
        o = Reflect.construct(cls as Function, []) as object;
      } finally {
        restoringDepth--;
      }
      input.register(o);
      // An array's length cannot be deleted; it is defined again below like every own property.
      for (const key of Reflect.ownKeys(o)) if (Object.getOwnPropertyDescriptor(o, key)?.configurable) delete (o as Record<PropertyKey, unknown>)[key];
      const props = input.read();
      if (!Array.isArray(props) || props.length % 3 !== 0) throw new StateError("cannot resume an instance with #private fields: malformed properties", "corrupt");
      for (let i = 0; i < props.length; i += 3) {
        const flags = props[i + 2] as number;
        Object.defineProperty(o, props[i] as PropertyKey, { value: props[i + 1], writable: (flags & 1) !== 0, enumerable: (flags & 2) !== 0, configurable: (flags & 4) !== 0 });
      }
      for (const h of chain) {
        if (h.write === undefined) continue;
        const values = input.read();
        if (!Array.isArray(values)) throw new StateError(`cannot resume an instance of class ${name(h.cls)}: malformed #private fields`, "corrupt");
        h.write(o, values);
      }
      const body = bodyAbove((chain[chain.length - 1]!.cls as { prototype: object }).prototype, cls as Function);
      if (body === Body.MapEntries || body === Body.SetValues) {
        const items = input.read();
        if (!Array.isArray(items)) throw new StateError(`cannot resume an instance of class ${name(cls as Function)}: malformed entries`, "corrupt");
        for (const item of items) {
          if (body === Body.SetValues) Set.prototype.add.call(o as Set<unknown>, item);
          else if (Array.isArray(item) && item.length === 2) Map.prototype.set.call(o as Map<unknown, unknown>, item[0], item[1]);
          else throw new StateError(`cannot resume an instance of class ${name(cls as Function)}: malformed entries`, "corrupt");
        }
      } else if (body === Body.DateTime) {
        const time = input.read();
        if (typeof time !== "number") throw new StateError(`cannot resume an instance of class ${name(cls as Function)}: malformed time`, "corrupt");
        Date.prototype.setTime.call(o as Date, time);
      }
      return o;
    },
  };
}
