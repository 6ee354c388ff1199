// How a frame is written into state: its function id, layout hash and
// version (the pin, or the body hash when unpinned), its resume point, its kernel (as the caller says: a reference into the state,
// or an index into an in-process table), the engine fields, then its fields
// in the order the compiler declared them (the layout says which, so no names
// are written). A state whose layout or version differs from the loaded code
// is refused as incompatible, naming the frame and both versions: the layout
// always, since fields are read by position; the version because the code
// around the resume point changed, unless a pin vouches for it (DESIGN 7).
import type { Extension, ExtensionReader, ExtensionWriter } from "../codec/index.js";
import type { Frame, FunctionDescriptor } from "./frame.js";
import type { Kernel } from "./kernel.js";
import { findFunction } from "./registry.js";
import { StateError } from "./state-error.js";

export const frameBrand = new WeakSet<object>();

/** What an unpinned version looks like (a pin never needs to). */
const BODY_HASH = /^[0-9a-f]{16}$/;

/** How a frame's kernel travels: written into the state (a resume), or kept in process (the test mode). */
export interface KernelLink {
  write(k: Kernel, out: ExtensionWriter): void;
  read(input: ExtensionReader): Kernel | undefined;
}

// The path labels of a frame's fields (what an error names: "frame main (app.ts:12) > local s"),
// per function and resume point: made once, since a frame is written at every durable call.
const labelCache = new WeakMap<FunctionDescriptor, Map<number, readonly string[]>>();

function labelsOf(d: FunctionDescriptor, pc: number): readonly string[] {
  let byPc = labelCache.get(d);
  if (byPc === undefined) labelCache.set(d, (byPc = new Map()));
  let labels = byPc.get(pc);
  if (labels === undefined) {
    const where = `frame ${d.describe(pc)}`;
    labels = [`${where} > awaited value`, `${where} > await result`, `${where} > caught error`, ...d.meta.slots.map((s) => `${where} > local ${s}`)];
    byPc.set(pc, labels);
  }
  return labels;
}

export function frameExtension(link: KernelLink): Extension<Frame> {
  return {
    tag: "frame",
    match: (v): v is Frame => frameBrand.has(Object.getPrototypeOf(v) as object),
    encode(f, out) {
      const d = f.$k.desc;
      const pc = f.$pc;
      const labels = labelsOf(d, pc);
      out.write(d.id);
      out.write(d.meta.layout);
      out.write(d.version);
      out.write(pc);
      link.write(f.$k, out);
      out.write(f.$a, labels[0]);
      out.write(f.$r, labels[1]);
      out.write(f.$e, labels[2]);
      const slots = d.meta.slots;
      for (let i = 0; i < slots.length; i++) out.write(f[slots[i]!], labels[i + 3]);
    },
    decode(input) {
      const id = input.read();
      const layout = input.read();
      const version = input.read();
      const d = typeof id === "string" ? findFunction(id) : undefined;
      if (d === undefined) throw new StateError(`cannot resume ${String(id)}: no such durable function is loaded`, "incompatible");
      if (d.meta.layout !== layout || d.version !== version) {
        const what =
          d.meta.layout !== layout
            ? "its frame layout changed (no version pin can keep that)"
            : d.meta.version !== undefined
              ? "it was saved under another version than the one this build pins"
              : BODY_HASH.test(String(version))
                ? "its body changed and it has no version pin"
                : "it was saved under a version pin this build no longer has";
        throw new StateError(
          `cannot resume ${d.meta.name} (${d.id}): the code changed since it was suspended: ${what} (state: version ${String(version)}, layout ${String(layout)}; this build: version ${d.version}, layout ${d.meta.layout})`,
          "incompatible",
        );
      }
      // Registered before its kernel is read: a frame reached first (through a closure it made, a
      // promise of a call it started) comes back to itself through its kernel, which holds it.
      const f = new d.Frame(undefined as unknown as Kernel);
      input.register(f);
      const pc = input.read();
      const k = link.read(input);
      if (typeof pc !== "number" || k === undefined || k.desc !== d) throw new StateError(`cannot resume ${d.id}: malformed frame`, "corrupt");
      f.$k = k;
      f.$pc = pc;
      f.$a = input.read();
      f.$r = input.read();
      f.$e = input.read();
      for (const s of d.meta.slots) f[s] = input.read();
      return f;
    },
  };
}
