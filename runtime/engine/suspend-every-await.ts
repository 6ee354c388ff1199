// DISPATCH_SUSPEND_EVERY_AWAIT=1: once an await settles, the whole tree of the
// resuming frame is encoded to bytes and decoded again, synchronously in the
// same microtask, and every frame continues from its decoded copy. The only
// things not taken from the bytes are in-process identities: the kernels of
// the frames (their activations are still live) and the promises they wait on
// (a side table). Retired frames are poisoned.
import { types } from "node:util";
import type { Frame } from "./frame.js";
import { Kernel, KernelState } from "./kernel.js";
import { encodeValue, decodeValue, type Extension, type CodecHooks } from "../codec/index.js";
import { frameExtension } from "./frame-extension.js";
import { closureExtension } from "./closure-extension.js";
import { generatorExtension, generatorFrameExtension } from "./generators.js";
import { privateStateExtension } from "./private-state.js";
import { runtimeRefs } from "./runtime-refs.js";
import { awaitables } from "./awaitables.js";
import { Directive } from "./directive.js";
import { DurableCall } from "./durable-call.js";
import { retireFrame } from "./retired-frames.js";
import { stats, settings, testModeHooks } from "./settings.js";
import { StateError } from "./state-error.js";

export function roundTripTree(f: Frame): Frame {
  const tree = f.$k.tree;
  const kernels: Kernel[] = [];
  const promises: (Promise<unknown> | DurableCall | Directive)[] = [];
  const waitedOn = new Set<unknown>();
  const frames: Frame[] = [];
  for (const k of tree.live()) {
    frames.push(k.frame);
    if (k.frame.$a !== undefined) waitedOn.add(k.frame.$a);
  }
  // Durable calls of this activation stay in process too: the tree's list of calls and the Poll
  // that will carry them hold these very objects (a real suspension encodes both together).
  // So do the directives of dispatch.gather/all/any/race, whose items are such calls and promises.
  const promiseExtension: Extension<Promise<unknown> | DurableCall | Directive> = {
    tag: "promise",
    match: (v): v is Promise<unknown> | DurableCall | Directive => types.isPromise(v) || v instanceof DurableCall || v instanceof Directive,
    encode(p, out) {
      if (!awaitables.has(p) && !waitedOn.has(p)) {
        throw new StateError(
          "cannot serialize a Promise of ordinary async work: only awaits of durable calls and durable helpers can be suspended; await it before the next await",
          "unserializable",
        );
      }
      out.write(promises.push(p) - 1);
      // A lowered combinator's items go with the frames, as they do in a real suspension.
      const c = combinationOf(p);
      out.write(c !== undefined ? (currentItems.get(c) ?? c.items).map(withoutOrdinaryPromise) : undefined);
      // So does the result of a helper that has returned and waits in process to be awaited or
      // combined (as copied by the last round trip).
      out.write(carrySettled ? (currentSettled.get(p) ?? settledValue(p)) : undefined);
    },
    decode(input) {
      const p = promises[input.read() as number];
      if (p === undefined) throw new StateError("cannot decode state: unknown promise", "corrupt");
      const items = input.read();
      const settled = input.read();
      const c = combinationOf(p);
      if (c !== undefined && Array.isArray(items)) currentItems.set(c, items);
      if (Array.isArray(settled)) currentSettled.set(p, settled as Settled);
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
  let viaCopies: (Function | null)[];
  try {
    // A lifted closure's activation keeps the closure it was called through (`via`), whose
    // environment is a frame of this tree: it travels with the frames so that it closes over
    // their copies, as it does in a real suspension.
    // A closure that lives outside the state (in a module-level array, say) may close over a
    // frame that an earlier round trip retired: then the vias stay as they were.
    const vias = frames.map((frame) => frame.$k.via);
    // Helpers' results waiting in process go with the frames when they can be encoded; one that
    // cannot (a socket a helper returned) is left out, as before, rather than fail the round trip.
    const attempts: [withVias: boolean, withSettled: boolean][] = [
      [true, true],
      [true, false],
      [false, false],
    ];
    let bytes: Uint8Array | undefined;
    for (const [withVias, withSettled] of attempts) {
      promises.length = kernels.length = 0;
      carrySettled = withSettled;
      try {
        bytes = encodeValue([frames, withVias ? vias : vias.map(() => undefined)], hooks);
        break;
      } catch (e) {
        if (!withSettled && !withVias) throw e;
      } finally {
        carrySettled = true;
      }
    }
    if (bytes === undefined) throw new StateError("cannot encode the tree", "unserializable");
    const decoded = decodeValue(bytes, hooks) as [Frame[], (Function | undefined)[]];
    copies = decoded[0];
    viaCopies = decoded[1].map((copy, i) => copy ?? vias[i]!);
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
    k.via = viaCopies[i]!;
    retireFrame(old, copy, k.desc.describe(old.$pc));
    if (old === f) mine = copy;
  }
  return mine;
}

interface Combination {
  readonly kind: string;
  readonly items: unknown[];
}

// The copies of each lowered combinator's items that the last round trip made.
const currentItems = new WeakMap<Combination, unknown[]>();

// A result as it travels: wrapped, so that a helper that returned undefined is told from one not done.
type Settled = [value: unknown];

// The copies of the results of helpers that have returned, by their promise, as the last round
// trip made them. Such a result waits in the finished kernel until the promise is awaited or
// combined (`const t = helper(o); await 0; await t`, `Promise.all([helper(o)])`, the helper
// returning `o`), and other frames round-trip meanwhile: a real suspension encodes it with them.
const currentSettled = new WeakMap<object, Settled>();
let carrySettled = true;

/** A returned helper's result as the frames see it, when `value` is that result. */
function settledCopy(promise: unknown, value: unknown): Settled | undefined {
  const copy = isObjectLike(promise) ? currentSettled.get(promise) : undefined;
  return copy !== undefined && value === settledValue(promise)?.[0] ? copy : undefined;
}

/** The result of a durable helper's promise that has returned, wrapped; undefined otherwise. */
function settledValue(item: unknown): Settled | undefined {
  if (!isObjectLike(item)) return undefined;
  const k = awaitables.get(item);
  if (!(k instanceof Kernel) || k.state !== KernelState.Done || !k.ok) return undefined;
  // A returned promise is adopted: the helper's promise settles with its value, not with it.
  return types.isPromise(k.value) ? undefined : [k.value];
}

// Lowered combinators over ordinary values are the native ones (promise-combinators.ts). In a
// real suspension they have settled already, with the frames' own objects; here another frame
// of the tree can resume while one waits, and its round trip copies the frames' objects but not
// the items the native promise holds. So their items go with the frames too, as a directive's do.
const nativeCombinations = new WeakMap<Promise<unknown>, Combination>();

function combinationOf(p: unknown): Combination | undefined {
  if (!isObjectLike(p)) return undefined;
  const d = awaitables.get(p);
  return d instanceof Directive ? d : nativeCombinations.get(p as Promise<unknown>);
}

function isObjectLike(v: unknown): v is object {
  return (typeof v === "object" && v !== null) || typeof v === "function";
}

// An ordinary promise among a combinator's items is not state (the native combinator holds it).
function withoutOrdinaryPromise(item: unknown): unknown {
  return types.isPromise(item) && !awaitables.has(item) ? undefined : item;
}

/**
 * The native promise of a lowered combinator settles with the very items it was given, while
 * the frames hold the copies of the last round trip: a real suspension encodes the items with
 * the frames, so the result and the frames share them. Gives the frame the copies: in the
 * result of all/allSettled (fresh arrays and records, so nothing else sees the change) and as
 * the winner of race/any.
 */
export function currentResult(awaited: unknown, value: unknown): unknown {
  const own = settledCopy(awaited, value);
  if (own !== undefined) return own[0];
  const d = combinationOf(awaited);
  if (d === undefined) return value;
  const current = currentItems.get(d);
  if (current === undefined) return value;
  const fix = (v: unknown, i: number): unknown => (v === d.items[i] ? current[i] : currentResult(d.items[i], v));
  if (d.kind === "all" && Array.isArray(value)) return value.map(fix);
  if (d.kind === "allSettled" && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const record = value[i] as { status: string; value?: unknown };
      if (record.status === "fulfilled") record.value = fix(record.value, i);
    }
    return value;
  }
  if (d.kind === "race" || d.kind === "any") {
    const i = d.items.indexOf(value);
    if (i >= 0) return current[i];
    for (const item of d.items) {
      const copy = settledCopy(item, value);
      if (copy !== undefined) return copy[0];
    }
    return value;
  }
  return value;
}

testModeHooks.roundTrip = roundTripTree as typeof testModeHooks.roundTrip;
testModeHooks.settled = currentResult;
testModeHooks.combined = (p, kind, items) => void nativeCombinations.set(p, { kind, items });
