// The state a Poll carries: the whole coroutine tree (every live frame with its
// kernel linkage), the calls still waiting for results, the directives frames
// wait on, and the correlation counter, encoded by the state codec and sealed
// with the application's key. Decoding builds fresh kernels; `reenter` then
// calls every live frame's function so that it continues at its resume point.
import { types } from "node:util";
import { encodeSealed, decodeValue, openStateView, type CodecHooks, type Extension } from "../codec/index.js";
import type { Frame } from "./frame.js";
import { Kernel, KernelState } from "./kernel.js";
import { Tree } from "./tree.js";
import { CallState, DurableCall } from "./durable-call.js";
import { Directive, type DirectiveKind } from "./directive.js";
import { awaitables } from "./awaitables.js";
import { generatorExtension, generatorFrameExtension } from "./generators.js";
import { privateStateExtension } from "./private-state.js";
import { frameBrand, frameExtension, type KernelLink } from "./frame-extension.js";
import { findFunction } from "./registry.js";
import { runtimeRefs } from "./runtime-refs.js";
import { StateError } from "./state-error.js";
import { settings } from "./settings.js";
import { context } from "./context.js";
import { closureExtension } from "./closure-extension.js";
import { closureOrigin } from "./closures.js";
import { helperBody } from "./helpers.js";
import type { Run } from "./run.js";

// 2: a live kernel carries the lifted durable closure it was called through (before its frame).
const STATE_VERSION = 2;

/** A resume builds new kernels: a frame's kernel is a value of the state. */
const KERNEL_IN_STATE: KernelLink = {
  write: (k, out) => out.write(k),
  read: (input) => {
    const k = input.read();
    return k instanceof Kernel ? k : undefined;
  },
};

// The state's root is written by its own extension, by position: no key strings
// in the bytes (an object with named fields cost 27 of a 214-byte state), no
// property descriptors to read, and error paths that start at the frame
// ("frame main (app.ts:12) > local conn") rather than at a field of the root.
class TreeState {
  constructor(
    readonly fn: string,
    readonly next: number,
    readonly root: Kernel,
    readonly frames: Frame[],
    readonly calls: DurableCall[],
  ) {}
}

export function encodeTree(run: Run, key: Uint8Array): Uint8Array {
  const frames = run.tree.live().map((k) => k.frame);
  const state = new TreeState(run.context.function, run.nextCorrelationId, run.root, frames, run.pending());
  try {
    return encodeSealed(state, hooks(), key);
  } catch (e) {
    if (e instanceof StateError) throw e;
    throw new StateError(`cannot suspend ${run.context.function}: ${(e as Error).message}`, "unserializable", { cause: e });
  }
}

export interface DecodedTree {
  root: Kernel;
  tree: Tree;
  kernels: Kernel[];
  calls: Map<number, DurableCall>;
  next: number;
}

export function decodeTree(sealed: Uint8Array, key: Uint8Array): DecodedTree {
  const tree = new Tree();
  const kernels: Kernel[] = [];
  let raw: unknown;
  const outer = target;
  target = { tree, kernels };
  try {
    raw = decodeValue(openStateView(sealed, key), hooks());
  } catch (e) {
    if (e instanceof StateError) throw e;
    const code = (e as { code?: string }).code;
    throw new StateError(`cannot resume: ${(e as Error).message}`, code === "incompatible" ? "incompatible" : "corrupt", { cause: e });
  } finally {
    target = outer;
  }
  if (!(raw instanceof TreeState)) {
    throw new StateError("cannot resume: the state is not a dispatch-ts coroutine tree of this version", "incompatible");
  }
  const calls = new Map<number, DurableCall>();
  for (const c of raw.calls) if (c instanceof DurableCall) calls.set(c.correlationId, c);
  return { root: raw.root, tree, kernels, calls, next: raw.next };
}

/** Calls every live frame's function to continue at its resume point; returns the root's new promise. */
export function reenter(d: DecodedTree): void {
  for (const k of d.kernels) {
    if (k.state === KernelState.Done) continue;
    const f = k.frame;
    const impl = (k.via !== null ? helperBody(k.via) : undefined) ?? k.desc.impl;
    if (impl === undefined) throw new StateError(`cannot resume ${k.desc.id}: its module did not register a body`, "incompatible");
    context.resuming = f;
    const self = k.desc.meta.usesThis ? f.$this : undefined;
    const args = Array.isArray(f.$args) ? (f.$args as unknown[]) : [];
    const p = impl.apply(self, args);
    context.resuming = null;
    const deferred = k as Kernel & { resolveDeferred?: (v: unknown) => void; rejectDeferred?: (e: unknown) => void };
    p.then(deferred.resolveDeferred, deferred.rejectDeferred);
  }
}

/** Where the kernels of the state being decoded go (set by decodeTree around its decode). */
let target: { tree: Tree; kernels: Kernel[] } | undefined;

// Made once: the extensions hold no state of their own (the kernel extension reads `target`),
// and a state is encoded and decoded at every durable call. The engine's own classes come
// first, the most frequent first: the encoder tries them in order on every object of a class.
const EXTENSIONS: readonly Extension[] = [
  treeExtension(),
  frameExtension(KERNEL_IN_STATE),
  kernelExtension(),
  callExtension(),
  directiveExtension(),
  promiseExtension(),
  closureExtension(),
  generatorExtension(),
  generatorFrameExtension(),
  privateStateExtension(),
];
const HOOKS: CodecHooks = { refOf: runtimeRefs.refOf, resolveRef: runtimeRefs.resolveRef, extensions: EXTENSIONS };
const TRACING_HOOKS: CodecHooks = {
  ...HOOKS,
  trace: (path, value) => console.error(`[dispatch-ts] serialize ${path}:`, value),
};

/**
 * The codec hooks of a coroutine tree's state, for the cross-process fixture harness
 * (test/support/hop-fixture-step.mjs), which saves a tree at every await without a Run. Given
 * `tree` and `kernels`, the decodes that follow build their kernels into them.
 */
export function treeStateHooks(tree?: Tree, kernels?: Kernel[]): CodecHooks {
  if (tree !== undefined && kernels !== undefined) target = { tree, kernels };
  return hooks();
}

function hooks(): CodecHooks {
  return settings.trace ? TRACING_HOOKS : HOOKS;
}

function treeExtension(): Extension<TreeState> {
  const malformed = () => new StateError("cannot resume: the state is not a dispatch-ts coroutine tree of this version", "incompatible");
  return {
    tag: "tree",
    match: (v): v is TreeState => v instanceof TreeState,
    encode(s, out) {
      out.write(STATE_VERSION);
      out.write(s.fn);
      out.write(s.next);
      out.write(s.root);
      out.write(s.frames, "live frames");
      out.write(s.calls, "pending calls");
    },
    decode(input) {
      if (input.read() !== STATE_VERSION) throw malformed();
      const fn = input.read();
      const next = input.read();
      const root = input.read();
      const frames = input.read();
      const calls = input.read();
      if (typeof fn !== "string" || typeof next !== "number" || !(root instanceof Kernel) || !Array.isArray(frames) || !Array.isArray(calls)) {
        throw malformed();
      }
      return new TreeState(fn, next, root, frames as Frame[], calls as DurableCall[]);
    },
  };
}

function kernelExtension(): Extension<Kernel> {
  return {
    tag: "kernel",
    match: (v): v is Kernel => v instanceof Kernel,
    encode(k, out) {
      out.write(k.desc.id);
      out.write(k.state === KernelState.Done);
      out.write(k.ok);
      out.write(k.value, `result of ${k.desc.meta.name}`);
      out.write(k.parent);
      if (k.state !== KernelState.Done) {
        // A lifted durable closure's frame resumes in the body its closure makes around the
        // decoded enclosing frame (closures.ts), not in the descriptor's last registered body.
        out.write(k.via !== null && closureOrigin(k.via) !== undefined ? k.via : undefined, `closure of ${k.desc.meta.name}`);
        out.write(k.frame);
      }
    },
    decode(input) {
      const id = input.read();
      const d = typeof id === "string" ? findFunction(id) : undefined;
      if (d === undefined) throw new StateError(`cannot resume ${String(id)}: no such durable function is loaded`, "incompatible");
      const k = new Kernel(d);
      input.register(k);
      // Its promise exists before its parts are read: they can lead back to it (a parent frame
      // waiting on the promise of this call); a finished kernel's is settled once its result is read.
      const deferred = k as Kernel & { resolveDeferred?: (v: unknown) => void; rejectDeferred?: (e: unknown) => void };
      k.promise = new Promise((resolve, reject) => {
        deferred.resolveDeferred = resolve;
        deferred.rejectDeferred = reject;
      });
      awaitables.set(k.promise, k);
      const done = input.read() === true;
      k.ok = input.read() === true;
      k.value = input.read();
      const parent = input.read();
      k.parent = parent instanceof Kernel ? parent : null;
      k.tree = target?.tree ?? new Tree();
      if (done) {
        k.state = KernelState.Done;
        if (k.ok) deferred.resolveDeferred!(k.value);
        else deferred.rejectDeferred!(k.value);
        deferred.resolveDeferred = deferred.rejectDeferred = undefined;
        k.promise.catch(() => undefined);
      } else {
        k.state = KernelState.WaitingDurable;
        const via = input.read();
        if (via !== undefined && (typeof via !== "function" || closureOrigin(via) === undefined)) throw new StateError(`cannot resume ${d.id}: malformed closure`, "corrupt");
        k.via = (via as Function | undefined) ?? null;
        const f = input.read();
        if (f === null || typeof f !== "object" || !frameBrand.has(Object.getPrototypeOf(f) as object)) {
          throw new StateError(`cannot resume ${d.id}: malformed frame`, "corrupt");
        }
        k.frame = f as Frame;
        k.tree.add(k);
        target?.kernels.push(k);
      }
      return k;
    },
  };
}

function promiseExtension(): Extension<Promise<unknown>> {
  return {
    tag: "promise",
    match: (v): v is Promise<unknown> => types.isPromise(v),
    encode(p, out) {
      const aw = awaitables.get(p);
      if (aw instanceof Kernel) out.write(aw);
      else if (aw instanceof Directive) out.write(aw);
      else {
        throw new StateError(
          "cannot serialize a Promise of ordinary async work held across a durable await: only durable calls and durable helpers can be suspended; await it before the durable await",
          "unserializable",
        );
      }
    },
    decode(input) {
      // The promise is its kernel's or directive's, made from it: when what leads to that kernel
      // leads back to the promise first (a helper's frame waiting on the promise of its own
      // call), that reference gets a stand-in that follows the promise and is awaited as it is.
      let stand = undefined as Promise<unknown> | undefined;
      let follow: (p: Promise<unknown>) => void = () => undefined;
      input.standIn(() => (stand = new Promise((resolve) => (follow = resolve))));
      const v = input.read();
      let p: Promise<unknown>;
      if (v instanceof Kernel) p = v.promise!;
      else if (v instanceof Directive) p = v.inProcess();
      else throw new StateError("cannot resume: malformed promise", "corrupt");
      if (stand === undefined) return p;
      follow(p);
      awaitables.set(stand, v);
      // A finished kernel's rejection is handled where it was made (kernelExtension); so is this.
      if (v instanceof Kernel && v.state === KernelState.Done) stand.catch(() => undefined);
      return stand;
    },
  };
}

function callExtension(): Extension<DurableCall> {
  return {
    tag: "call",
    match: (v): v is DurableCall => v instanceof DurableCall,
    encode(c, out) {
      out.write(c.correlationId);
      out.write(c.target.function);
      out.write(c.target.endpoint);
      out.write(c.state);
      out.write(c.ok);
      out.write(c.value, `result of call ${c.target.function}`);
      out.write(c.args, `arguments of call ${c.target.function}`);
      out.write(c.awaited);
      out.write(c.sent);
    },
    decode(input) {
      const id = input.read();
      const fn = input.read();
      const endpoint = input.read();
      if (typeof id !== "number" || typeof fn !== "string") throw new StateError("cannot resume: malformed call", "corrupt");
      const c = new DurableCall(id, { function: fn, endpoint: typeof endpoint === "string" ? endpoint : undefined }, undefined);
      input.register(c);
      c.state = input.read() as CallState;
      c.ok = input.read() === true;
      c.value = input.read();
      const args = input.read();
      c.args = Array.isArray(args) ? args : undefined;
      c.awaited = input.read() === true;
      c.sent = input.read() === true;
      return c;
    },
  };
}

function directiveExtension(): Extension<Directive> {
  return {
    tag: "directive",
    match: (v): v is Directive => v instanceof Directive,
    encode(d, out) {
      out.write(d.kind);
      out.write(d.items, `items of ${d.kind}`);
    },
    decode(input) {
      const kind = input.read();
      if (typeof kind !== "string") throw new StateError("cannot resume: malformed directive", "corrupt");
      const d = new Directive(kind as DirectiveKind, []);
      input.register(d);
      const items = input.read();
      if (!Array.isArray(items)) throw new StateError("cannot resume: malformed directive", "corrupt");
      d.items.push(...(items as unknown[]));
      return d;
    },
  };
}
