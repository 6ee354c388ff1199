// How a frame is written into state: its function id and layout hash, its
// resume point, its kernel (as the caller says: a reference into the state,
// or an index into an in-process table), the engine fields, then its fields
// in the order the compiler declared them (the layout says which, so no names
// are written). A state whose layout differs from the loaded code is refused
// as incompatible, naming the function and both versions.
import type { Extension, ExtensionReader, ExtensionWriter } from "../codec/index.js";
import type { Frame } from "./frame.js";
import type { Kernel } from "./kernel.js";
import { findFunction } from "./registry.js";
import { StateError } from "./state-error.js";

export const frameBrand = new WeakSet<object>();

/** How a frame's kernel travels: written into the state (a resume), or kept in process (the test mode). */
export interface KernelLink {
  write(k: Kernel, out: ExtensionWriter): void;
  read(input: ExtensionReader): Kernel | undefined;
}

export function frameExtension(link: KernelLink): Extension<Frame> {
  return {
    tag: "frame",
    match: (v): v is Frame => frameBrand.has(Object.getPrototypeOf(v) as object),
    encode(f, out) {
      const d = f.$k.desc;
      const where = `frame ${d.describe(f.$pc)}`;
      out.write(d.id);
      out.write(d.meta.layout);
      out.write(f.$pc);
      link.write(f.$k, out);
      out.write(f.$a, `${where} > awaited value`);
      out.write(f.$r, `${where} > await result`);
      out.write(f.$e, `${where} > caught error`);
      for (const s of d.meta.slots) out.write(f[s], `${where} > local ${s}`);
    },
    decode(input) {
      const id = input.read();
      const layout = input.read();
      const d = typeof id === "string" ? findFunction(id) : undefined;
      if (d === undefined) throw new StateError(`cannot resume ${String(id)}: no such durable function is loaded`, "incompatible");
      if (d.meta.layout !== layout) {
        throw new StateError(
          `cannot resume ${d.meta.name} (${d.id}): the code changed since it was suspended (frame layout ${String(layout)} in the state, ${d.meta.layout} in this build)`,
          "incompatible",
        );
      }
      const pc = input.read();
      const k = link.read(input);
      if (typeof pc !== "number" || k === undefined || k.desc !== d) throw new StateError(`cannot resume ${d.id}: malformed frame`, "corrupt");
      const f = new d.Frame(k);
      input.register(f);
      f.$pc = pc;
      f.$a = input.read();
      f.$r = input.read();
      f.$e = input.read();
      for (const s of d.meta.slots) f[s] = input.read();
      return f;
    },
  };
}
