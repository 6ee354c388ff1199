// How a frame is written into state: its function id and layout hash, its
// resume point, the engine fields and then its fields in the order the
// compiler declared them (the layout says which, so no names are written).
// A state whose layout differs from the loaded code is refused as incompatible.
import type { Extension } from "../codec/index.js";
import type { Frame } from "./frame.js";
import type { Kernel } from "./kernel.js";
import { findFunction } from "./registry.js";
import { StateError } from "./state-error.js";

export const frameBrand = new WeakSet<object>();

export interface FrameExtensionOptions {
  /** In-process round trips keep each frame's kernel: frames are written with an index into this table. */
  kernels: Kernel[];
}

export function frameExtension(options: FrameExtensionOptions): Extension<Frame> {
  return {
    tag: "frame",
    match: (v): v is Frame => frameBrand.has(Object.getPrototypeOf(v) as object),
    encode(f, out) {
      const k = f.$k;
      const d = k.desc;
      const where = d.describe(f.$pc);
      out.write(d.id);
      out.write(d.meta.layout);
      out.write(f.$pc);
      out.write(options.kernels.push(k) - 1);
      out.write(f.$a, `frame ${where} > awaited value`);
      out.write(f.$r, `frame ${where} > await result`);
      out.write(f.$e, `frame ${where} > caught error`);
      for (const s of d.meta.slots) out.write(f[s], `frame ${where} > local ${s}`);
    },
    decode(input) {
      const id = input.read();
      const layout = input.read();
      if (typeof id !== "string" || typeof layout !== "string") throw new StateError("cannot decode frame: malformed header", "corrupt");
      const d = findFunction(id);
      if (d === undefined) throw new StateError(`cannot resume ${id}: no such durable function is loaded`, "incompatible");
      if (d.meta.layout !== layout) {
        throw new StateError(`cannot resume ${id}: its frame layout changed (state ${layout}, code ${d.meta.layout})`, "incompatible");
      }
      const pc = input.read();
      const ki = input.read();
      const k = typeof ki === "number" ? options.kernels[ki] : undefined;
      if (typeof pc !== "number" || k === undefined) throw new StateError(`cannot decode frame of ${id}: malformed`, "corrupt");
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
