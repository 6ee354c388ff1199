// The frame contract between generated code and the engine.
//
// A transformed async function keeps its locals in a frame object whose fields
// are plain data: `$pc` (the case the function is executing or will resume at),
// `$a` (what the pending await waits on), `$r` (a return's value on its way out;
// in the test mode, the last settled await's value, which the round trip copies
// with the frame: in production that value is only the generated code's local
// `$r`), `$e` (the value a catch clause receives), `$this`/`$args` when the
// body uses them, one field per local and temporary, and one `$c<k>` field per
// try statement with a finally (its pending completion). `$k` points at the
// in-process kernel, which is never serialized.
//
// Generated code calls, in this order: `enter` once on entry; around each await
// `$f.$a = X; $f.$pc = N; case N: $r = await w($k, $f.$a); $r = r($k, $r); $f = $k.frame` (`$k`
// and `$r` are locals of the activation: `$k = $f.$k` after `enter`), except for an ordinary
// await of a kernel in state Running, which only flips the state inline and calls neither
// (transformer/explode-expression.ts, awaitValue; kernel.ts); `caught` from
// the catch clause that wraps the dispatch loop; `ret` on return; `abrupt` and
// `finish` for completions that cross a finally. Every hook is small and
// monomorphic: this is the hot path of every await.
import { Kernel, KernelState, isRunning, type Awaitable } from "./kernel.js";
import { awaitableOf } from "./awaitables.js";
import { context } from "./context.js";
import { onSuspendEveryAwait, settings, stats, testModeHooks } from "./settings.js";
import { latestFrame } from "./retired-frames.js";
import { isStateError } from "./state-error.js";
import { frameBrand } from "./frame-extension.js";

export interface Frame {
  $pc: number;
  $a: unknown;
  $r: unknown;
  $e: unknown;
  $k: Kernel;
  [slot: string]: unknown;
}

/** What the compiler knows about one durable body; emitted next to it. */
export interface FunctionMeta {
  /** Qualified name inside the module (`pipeline`, `Cart.checkout`). */
  name: string;
  /** Frame fields for locals and temporaries, in a fixed order. */
  slots: readonly string[];
  /** Try statements lowered to tables: [tryPc, catchPc, finallyPc, afterPc], -1 when absent, outermost first. */
  tries: readonly (readonly number[])[];
  /** Source line of each resume point, indexed by pc (0 = unknown). */
  lines: readonly number[];
  /** Layout hash (resume points, fields, try table, lifted closures) and body hash, from the syntax tree. */
  layout: string;
  body: string;
  /** The version pinned in the source; it waives the body hash (never the layout). */
  version?: string;
  usesThis?: boolean;
  usesArguments?: boolean;
  /** A sync generator: its frames belong to generator objects (generators.ts), not to kernels. */
  generator?: boolean;
  /** A generator method's path among its module's registered bindings (`C.prototype.m`), to find it in a new process. */
  home?: string;
  /** Factories of the closures lifted out of the body, by index (see closures.ts). */
  closures?: readonly ((frame: Frame) => Function)[];
}

export type FrameConstructor = new (k: Kernel) => Frame;

/** A registered durable body: its identity, its meta and its frame shape. */
export class FunctionDescriptor {
  readonly id: string;
  readonly Frame: FrameConstructor;
  /** The function generated code runs; set by `bind` once the function exists. */
  impl: ((...args: unknown[]) => Promise<unknown>) | undefined = undefined;

  constructor(
    readonly modulePath: string,
    readonly meta: FunctionMeta,
  ) {
    this.id = `${modulePath}#${meta.name}`;
    this.Frame = frameConstructorFor(meta.slots);
    frameBrand.add(this.Frame.prototype as object);
  }

  /** The version a state of this function carries and must match: the pin, or the body hash. */
  get version(): string {
    return this.meta.version ?? this.meta.body;
  }

  lineAt(pc: number): number {
    return this.meta.lines[pc] ?? 0;
  }

  describe(pc: number): string {
    const line = this.lineAt(pc);
    return line > 0 ? `${this.meta.name} (${this.modulePath}:${line})` : `${this.meta.name} (${this.modulePath})`;
  }
}

// Every frame of one function gets the same hidden class: fields are created
// in one fixed order by a constructor made once per function.
function frameConstructorFor(slots: readonly string[]): FrameConstructor {
  const body = ["this.$pc = 0; this.$a = undefined; this.$r = undefined; this.$e = undefined; this.$k = k;"];
  for (const s of slots) body.push(`this[${JSON.stringify(s)}] = undefined;`);
  return new Function("k", body.join("\n")) as unknown as FrameConstructor;
}

/** The function entry: a fresh frame, or the frame the engine is re-entering. */
export function enter(d: FunctionDescriptor, self: unknown, args: IArguments): Frame {
  const resuming = context.resuming;
  if (resuming !== null) {
    context.resuming = null;
    const k = resuming.$k;
    k.prev = context.current;
    context.current = resuming;
    return resuming;
  }
  const k = context.takeKernel(d);
  const f = new d.Frame(k);
  k.frame = f;
  if (d.meta.usesThis) f.$this = self;
  if (d.meta.usesArguments) f.$args = Array.prototype.slice.call(args);
  const prev = context.current;
  k.prev = prev;
  // The first await must give the caller's context back: through the hooks, not the inline path.
  if (prev !== null) k.state = KernelState.RunningHooked;
  context.current = f;
  return f;
}

/**
 * Before an await: classify what the frame awaits (`$a`, passed in with the frame's kernel) and
 * return what to await natively. The hooks take the kernel, never the frame: kernels share one
 * hidden class, while every function's frames have their own, so a frame field read here would
 * be a megamorphic access as soon as a program has more than a few durable functions.
 * The ordinary case (a value or promise the engine does not own) only flips the kernel's state
 * and hands the synchronous slice back to the caller: it can never make the tree quiescent (this
 * kernel is not waiting durably), so the tree and its observer are left alone, and no state is
 * ever saved while it lasts.
 * `w`, `wo` and `r` are bindings, not functions: the production variants below, or the test
 * mode's (DISPATCH_SUSPEND_EVERY_AWAIT), picked whenever the setting changes, so that the
 * production path never tests it (generated code calls them through the module namespace, which
 * sees the binding's current value).
 */
export let w: (k: Kernel, a: unknown) => unknown;
/**
 * `w` for a value the compiler knows the engine cannot own (transformer/plain-awaits.ts: the promise
 * of a plain async function of the module, or one the global Promise makes anew): no check for
 * engine-owned awaitables. Except on a re-entry (the kernel is not running yet: it comes from a
 * decoded state): then `$a` is what the engine put there to re-await (a settled call, the test
 * harness's stand-in), whatever the source awaits at this point in this build, so `w` classifies it.
 */
export let wo: (k: Kernel, a: unknown) => unknown;
/**
 * After an await fulfilled: make the frame running again and return the value the await gives
 * the body (generated code keeps it in its local `$r` and then reads its frame from the kernel:
 * in the test mode, a round trip replaced it). `$a` is cleared after a durable wait; after an
 * ordinary one it stays until the next await sets it, which is harmless: no state is saved while
 * the frame runs or waits on something ordinary.
 */
export let r: (k: Kernel, value: unknown) => unknown;

onSuspendEveryAwait((on) => {
  w = on ? waitTestMode : wait;
  wo = on ? waitOrdinaryTestMode : waitOrdinary;
  r = on ? resumeTestMode : resume;
});

function wait(k: Kernel, a: unknown): unknown {
  // An await gives the synchronous slice back: to the caller, on the first await of an activation
  // called from a frame; otherwise `context.current` stays this frame, which stops being a context
  // when its kernel is marked waiting (context.ts).
  const prev = k.prev;
  if (prev !== null) {
    context.current = prev;
    k.prev = null;
  }
  if (typeof a === "object" ? a !== null : typeof a === "function") {
    const aw = awaitableOf(a as object);
    if (aw !== undefined) return waitDurable(k, aw);
  }
  k.state = KernelState.WaitingOrdinary;
  return a;
}

function waitOrdinary(k: Kernel, a: unknown): unknown {
  if (!isRunning(k.state)) return w(k, a);
  const prev = k.prev;
  if (prev !== null) {
    context.current = prev;
    k.prev = null;
  }
  k.state = KernelState.WaitingOrdinary;
  return a;
}

function waitDurable(k: Kernel, aw: Awaitable): unknown {
  // A durable wait can be saved: the previous await's result, consumed when its case ran, must
  // not go with it (a Response awaited and dropped just before a durable call could not be).
  k.frame.$r = undefined;
  return aw.awaitedBy(k);
}

// No frame field is written on the ordinary path: `f.$r = value` here was a store into every
// lowered function's frame shape from one site, a megamorphic store (~0.1x native of a loop of awaits).
function resume(k: Kernel, value: unknown): unknown {
  const f = k.frame;
  if (k.state === KernelState.WaitingDurable) {
    k.tree.durableWaits--;
    k.waitingOn = null;
    f.$a = undefined;
  }
  k.state = KernelState.Running;
  // Still there unless another frame ran meanwhile (see wait).
  if (context.current !== f) context.current = f;
  return value;
}

// DISPATCH_SUSPEND_EVERY_AWAIT: every await is saved, so the previous result is cleared at each,
// and the context is null while the frame waits (a round trip retires frames, and a retired frame
// must never be read as the context).
function waitTestMode(k: Kernel, a: unknown): unknown {
  const prev = k.prev;
  k.prev = null;
  context.current = prev;
  if (typeof a === "object" ? a !== null : typeof a === "function") {
    const aw = awaitableOf(a as object);
    if (aw !== undefined) return waitDurable(k, aw);
  }
  return waitSuspending(k, a);
}

function waitOrdinaryTestMode(k: Kernel, a: unknown): unknown {
  if (!isRunning(k.state)) return w(k, a);
  const prev = k.prev;
  k.prev = null;
  context.current = prev;
  return waitSuspending(k, a);
}

function waitSuspending(k: Kernel, a: unknown): unknown {
  k.frame.$r = undefined;
  if (typeof a === "object" && a !== null) awaitedObjects.set(k, a);
  k.state = KernelState.WaitingRoundTrip;
  return a;
}

// DISPATCH_SUSPEND_EVERY_AWAIT: the plain object each kernel awaits. The await gives back that
// very object, while round trips of other frames meanwhile gave this frame a copy (in `$a`); a
// real suspension never happens during an ordinary await, so the frame must see its copy.
const awaitedObjects = new WeakMap<Kernel, object>();

// The settled value goes through the round trip in the frame's `$r`, so the body gets its copy.
function resumeTestMode(k: Kernel, value: unknown): unknown {
  return resumeSuspending(k.frame, value).$r;
}

function resumeSuspending(f: Frame, value: unknown): Frame {
  f = latestFrame(f);
  const sent = awaitedObjects.get(f.$k);
  if (sent !== undefined) {
    awaitedObjects.delete(f.$k);
    if (value === sent) value = f.$a;
  }
  stats.awaits++;
  f.$k.resumed();
  const awaited = f.$a;
  f.$a = undefined;
  f.$r = testModeHooks.settled(awaited, value);
  f = testModeHooks.roundTrip(f);
  context.current = f;
  return f;
}

/**
 * The catch clause around the dispatch loop. A rejection of the pending await
 * is an await settling (same bookkeeping as `r`); then the innermost lowered
 * try whose try or catch block holds `$pc` handles the error, or it leaves the
 * function.
 */
export function caught(f: Frame, error: unknown): Frame {
  if (settings.suspendEveryAwait) f = latestFrame(f);
  let k = f.$k;
  if (!isRunning(k.state)) {
    k.resumed();
    f.$a = undefined;
    if (settings.suspendEveryAwait) {
      stats.awaits++;
      f.$r = error;
      f = testModeHooks.roundTrip(f);
      k = f.$k;
      error = f.$r;
    }
    context.current = f;
    f.$r = undefined;
  }
  // Engine errors (an unserializable local) are not user exceptions: no lowered catch sees them.
  if (isStateError(error)) {
    k.ok = false;
    k.value = error;
    throw error;
  }
  if (routeThrow(f, error)) return f;
  k.ok = false;
  k.value = error;
  throw error;
}

/** On return: records the result; `exit` ends the frame once finally blocks have run. */
/**
 * Sends a thrown error to the innermost lowered try around `$pc`: its catch
 * block, or its finally with a pending throw. False when no try handles it.
 */
export function routeThrow(f: Frame, error: unknown): boolean {
  const pc = f.$pc;
  const tries = f.$k.desc.meta.tries;
  for (let i = tries.length - 1; i >= 0; i--) {
    const t = tries[i]!;
    if (pc < t[0]! || pc >= t[3]!) continue;
    if (t[1]! >= 0 && pc < t[1]!) {
      f.$e = error;
      f.$pc = t[1]!;
      return true;
    }
    if (t[2]! >= 0 && pc < t[2]!) {
      f[`$c${i}`] = [CompletionType.Throw, error];
      f.$pc = t[2]!;
      return true;
    }
  }
  return false;
}

export function ret<T>(f: Frame, value: T): T {
  const k = f.$k;
  k.ok = true;
  k.value = value;
  return value;
}

/** The finally around the whole body: the activation really leaves (never on a suspension). */
export function exit(f: Frame): void {
  // A throw out of `caught` after a round trip leaves the caller's `$f` on the retired frame.
  if (settings.suspendEveryAwait) f = latestFrame(f);
  f.$k.finish();
}

export const enum CompletionType {
  Normal = 0,
  Return = 1,
  Throw = 2,
  Jump = 3,
}

/**
 * A return, break or continue that must run a finally first. Records the
 * completion in the innermost lowered try (around `$pc`) with a finally that
 * the completion leaves, and jumps to that finally. Returns false when no
 * finally is crossed: the caller then completes directly (a return returns).
 */
export function abrupt(f: Frame, type: CompletionType, value: unknown): boolean {
  const pc = f.$pc;
  const tries = f.$k.desc.meta.tries;
  for (let i = tries.length - 1; i >= 0; i--) {
    const t = tries[i]!;
    const fin = t[2]!;
    if (fin < 0 || pc < t[0]! || pc >= fin) continue;
    // A jump to a target inside this try statement does not leave it.
    if (type === CompletionType.Jump && (value as number) >= t[0]! && (value as number) < t[3]!) continue;
    f[`$c${i}`] = [type, value];
    f.$pc = fin;
    return true;
  }
  if (type === CompletionType.Jump) f.$pc = value as number;
  else if (type === CompletionType.Return) f.$r = value;
  else throw value;
  return false;
}

/**
 * End of the finally of try `i`: resume its pending completion.
 * 0: fall through to the code after the try; 1: jump (`$pc` is set); 2: return `$r`.
 */
export function finish(f: Frame, i: number): 0 | 1 | 2 {
  const c = f[`$c${i}`] as [CompletionType, unknown] | undefined;
  f[`$c${i}`] = undefined;
  if (c === undefined || c[0] === CompletionType.Normal) return 0;
  // A throw is routed like any throw from here: to an enclosing catch or finally.
  if (c[0] === CompletionType.Throw) throw c[1];
  // Continue the completion from the finally block's position, which lies in
  // the try or catch block of the enclosing lowered try statements.
  if (abrupt(f, c[0], c[1])) return 1;
  return c[0] === CompletionType.Jump ? 1 : 2;
}

/** An enclosing function's frame, read from a nested durable function: its latest copy in the test mode. */
export function fresh(f: Frame): Frame {
  return settings.suspendEveryAwait ? latestFrame(f) : f;
}
