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
import { types } from "node:util";
import type { Extension } from "../codec/index.js";
import { runtimeRefs } from "./runtime-refs.js";
import { StateError } from "./state-error.js";

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

export function privateStateExtension(): Extension<object> {
  return {
    tag: "private-state",
    match(v): v is object {
      if (typeof v !== "object" || types.isProxy(v)) return false;
      return hasHookAbove(Object.getPrototypeOf(v) as object | null);
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
      out.write(first.cls);
      const props: unknown[] = [];
      for (const key of Reflect.ownKeys(o)) {
        const d = Object.getOwnPropertyDescriptor(o, key)!;
        if (!("value" in d)) throw new StateError(`cannot save an instance of class ${name(first.cls)}: its own property ${String(key)} is an accessor`, "unserializable");
        props.push(key, d.value, (d.writable ? 1 : 0) | (d.enumerable ? 2 : 0) | (d.configurable ? 4 : 0));
      }
      out.write(props, `instance of class ${name(first.cls)}`);
      for (const h of chain) if (h.read !== undefined) out.write(h.read(o), `#private fields of class ${name(h.cls)}`);
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
      for (const key of Reflect.ownKeys(o)) delete (o as Record<PropertyKey, unknown>)[key];
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
      return o;
    },
  };
}
