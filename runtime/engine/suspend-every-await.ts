// DISPATCH_SUSPEND_EVERY_AWAIT=1: once an await settles, the whole tree of the
// resuming frame is encoded to bytes and decoded again, synchronously in the
// same microtask, and every frame continues from its decoded copy. The only
// things not taken from the bytes are in-process identities: the kernels of
// the frames (their activations are still live) and the promises they wait on
// (a side table). Retired frames are poisoned.
import { types } from "node:util";
import type { Frame } from "./frame.js";
import type { Kernel } from "./kernel.js";
import { encodeValue, decodeValue, type Extension, type CodecHooks } from "../codec/index.js";
import { frameExtension } from "./frame-extension.js";
import { closureExtension } from "./closure-extension.js";
import { generatorExtension, generatorFrameExtension } from "./generators.js";
import { privateStateExtension } from "./private-state.js";
import { runtimeRefs } from "./runtime-refs.js";
import { awaitables } from "./awaitables.js";
import { retireFrame } from "./retired-frames.js";
import { stats, settings, testModeHooks } from "./settings.js";
import { StateError } from "./state-error.js";

export function roundTripTree(f: Frame): Frame {
  const tree = f.$k.tree;
  const kernels: Kernel[] = [];
  const promises: Promise<unknown>[] = [];
  const waitedOn = new Set<unknown>();
  const frames: Frame[] = [];
  for (const k of tree.live()) {
    frames.push(k.frame);
    if (k.frame.$a !== undefined) waitedOn.add(k.frame.$a);
  }
  const promiseExtension: Extension<Promise<unknown>> = {
    tag: "promise",
    match: (v): v is Promise<unknown> => types.isPromise(v),
    encode(p, out) {
      if (!awaitables.has(p) && !waitedOn.has(p)) {
        throw new StateError(
          "cannot serialize a Promise of ordinary async work: only awaits of durable calls and durable helpers can be suspended; await it before the next await",
          "unserializable",
        );
      }
      out.write(promises.push(p) - 1);
    },
    decode(input) {
      const p = promises[input.read() as number];
      if (p === undefined) throw new StateError("cannot decode state: unknown promise", "corrupt");
      return p;
    },
  };
  const hooks: CodecHooks = {
    refOf: runtimeRefs.refOf,
    resolveRef: runtimeRefs.resolveRef,
    extensions: [
      // Kernels stay in process (their activations are live): a frame names its kernel by index.
      frameExtension({
        write: (k, out) => out.write(kernels.push(k) - 1),
        read: (input) => {
          const i = input.read();
          return typeof i === "number" ? kernels[i] : undefined;
        },
      }),
      promiseExtension,
      closureExtension(),
      generatorExtension(),
      generatorFrameExtension(),
      privateStateExtension(),
    ],
    trace: settings.trace ? (path, value) => console.error(`[dispatch-ts] serialize ${path}:`, value) : undefined,
  };
  let copies: Frame[];
  try {
    const bytes = encodeValue(frames, hooks);
    copies = decodeValue(bytes, hooks) as Frame[];
  } catch (e) {
    if (e instanceof StateError) throw e;
    throw new StateError((e as Error).message, "unserializable", { cause: e });
  }
  stats.roundTrips++;
  let mine = f;
  for (let i = 0; i < frames.length; i++) {
    const old = frames[i]!;
    const copy = copies[i]!;
    const k = old.$k;
    k.frame = copy;
    retireFrame(old, copy, k.desc.describe(old.$pc));
    if (old === f) mine = copy;
  }
  return mine;
}

testModeHooks.roundTrip = roundTripTree as typeof testModeHooks.roundTrip;
