// How a lifted closure is written into state: the descriptor and index of its
// factory, the frame it captures (null for a class-field arrow) and its captured per-iteration environment
// (undefined when it has none; plain objects, so shared with the frame). Decoding makes it again from the factory
// around the decoded frame (registered before its fields are read, so a frame
// holding its own closure decodes); a reference back to the closure met while
// its frame is read gets a forwarding stand-in, which decoding returns.
import type { Extension } from "../codec/index.js";
import { closure, closureOrigin, forwardingClosure } from "./closures.js";
import { findFunction } from "./registry.js";
import { StateError } from "./state-error.js";
import type { Frame } from "./frame.js";

export function closureExtension(): Extension<Function> {
  return {
    tag: "closure",
    match: (v): v is Function => typeof v === "function" && closureOrigin(v) !== undefined,
    encode(fn, out) {
      const o = closureOrigin(fn)!;
      out.write(o.desc.id);
      out.write(o.index);
      out.write(o.frame, `closure #${o.index} of ${o.desc.meta.name}`);
      out.write(o.env, `environment of closure #${o.index} of ${o.desc.meta.name}`);
    },
    decode(input) {
      const id = input.read();
      const index = input.read();
      const d = typeof id === "string" ? findFunction(id) : undefined;
      if (d === undefined || typeof index !== "number" || d.meta.closures?.[index] === undefined) {
        throw new StateError(`cannot resume a closure of ${String(id)}: no such closure in this build`, "incompatible");
      }
      // Its frame can lead back to it before the factory can make it (a finished helper's kernel
      // holds the closure it returned): then the first reference gets a forwarding stand-in.
      let stand = undefined as ReturnType<typeof forwardingClosure> | undefined;
      input.standIn(() => (stand = forwardingClosure()).fn);
      const frame = input.read();
      if (typeof frame !== "object") throw new StateError(`cannot resume a closure of ${d.id}: malformed`, "corrupt");
      if (frame === null) {
        // A class-field arrow: its environment is its `this` (an instance, or the class for a static
        // field), which may refer back to it (closures.ts).
        const stand = forwardingClosure();
        input.register(stand.fn);
        const env = input.read();
        if (env === null || (typeof env !== "object" && typeof env !== "function")) throw new StateError(`cannot resume a closure of ${d.id}: malformed environment`, "corrupt");
        stand.bind(closure(null, d, index, env));
        return stand.fn;
      }
      // The factory destructures what it was given: anything but an object (or undefined) is not ours.
      const env = input.read();
      if (env !== undefined && (env === null || typeof env !== "object")) throw new StateError(`cannot resume a closure of ${d.id}: malformed environment`, "corrupt");
      const made = closure(frame as Frame, d, index, env);
      if (stand === undefined) return made;
      stand.bind(made);
      return stand.fn;
    },
  };
}
