// The suspended stack of a waiting call, decoded from its state for people:
// every live frame (helpers and gathered branches make it a tree), where it
// waits (function and source line) and its locals. Decoding needs what a
// resume needs: the application's key, and its durable functions loaded in
// this process (`--import`), since a frame is only meaningful to its build.
import { inspect } from "node:util";
import { decodeTree } from "../engine/tree-state.js";
import { DurableCall } from "../engine/durable-call.js";
import { Directive } from "../engine/directive.js";
import { Kernel } from "../engine/kernel.js";

export interface FrameView {
  /** Nesting under the root frame: 0 for the root. */
  depth: number;
  /** `name (module:line)` of the resume point. */
  at: string;
  /** What the frame awaits: a durable call, a combinator, a helper. */
  awaiting: string;
  locals: [name: string, value: string][];
}

export function describeStack(state: Uint8Array, key: Uint8Array): FrameView[] {
  const tree = decodeTree(state, key);
  const depthOf = (k: Kernel): number => (k.parent === null ? 0 : 1 + depthOf(k.parent));
  return tree.kernels.map((k) => {
    const f = k.frame;
    const locals = k.desc.meta.slots
      // $-names are the compiler's temporaries and completions, not the user's variables.
      .filter((slot) => !slot.startsWith("$"))
      .map((slot): [string, string] => [slot, show(f[slot])]);
    return { depth: depthOf(k), at: k.desc.describe(f.$pc), awaiting: awaited(f.$a), locals };
  });
}

function awaited(value: unknown): string {
  if (value instanceof DurableCall) return `${value.target.function} (call ${value.correlationId})`;
  if (value instanceof Directive) return `dispatch.${value.kind} of ${value.items.length}`;
  if (value instanceof Kernel) return `${value.desc.meta.name} (helper)`;
  return show(value);
}

function show(value: unknown): string {
  return inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 80 });
}

export function formatStack(frames: readonly FrameView[]): string {
  const lines = [`suspended stack: ${frames.length} ${frames.length === 1 ? "frame" : "frames"}`];
  for (const f of frames) {
    const pad = "  ".repeat(f.depth + 1);
    lines.push(`${pad}${f.at} awaiting ${f.awaiting}`);
    for (const [name, value] of f.locals) lines.push(`${pad}  ${name} = ${value}`);
  }
  return lines.join("\n");
}
