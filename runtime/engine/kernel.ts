// The in-process side of a frame: who created it, what it waits on, its
// activation's promise and its outcome. Never serialized: on a resume from
// bytes the engine builds new kernels from the decoded tree.
import type { Frame, FunctionDescriptor } from "./frame.js";
import { context } from "./context.js";
import { Tree } from "./tree.js";
import { onSuspendEveryAwait } from "./settings.js";

// Generated code tests the state inline at each await (transformer/explode-expression.ts,
// awaitValue): `Running` lets an ordinary await skip the hooks (`$k.state = WaitingOrdinary`, and
// back to `Running` on resume when the frame is still the context), so it must mean exactly
// "nothing for the hooks to do": production mode, no caller's context to give back. Anything else
// that runs is `RunningHooked`, and the test mode's ordinary waits are `WaitingRoundTrip`, so that
// neither ever takes the inline path.
export const enum KernelState {
  Running = 0,
  WaitingOrdinary = 1,
  WaitingDurable = 2,
  Done = 3,
  /** Running, and its next await goes through the hooks: a caller's context to give back (frame.ts, enter), or the test mode. */
  RunningHooked = 4,
  /** DISPATCH_SUSPEND_EVERY_AWAIT: waiting on an ordinary value; the resume makes the round trip. */
  WaitingRoundTrip = 5,
}

export function isRunning(state: KernelState): boolean {
  return state === KernelState.Running || state === KernelState.RunningHooked;
}

/**
 * The state of a kernel that starts or resumes running: `RunningHooked` in the test mode, so that its
 * awaits never take the inline path. Kernels running when the mode is switched keep theirs: switch
 * it only while no durable code runs (tests do it between cases).
 */
export let runningState: KernelState.Running | KernelState.RunningHooked = KernelState.Running;
/** The state of a kernel waiting on something ordinary (or settled): `WaitingRoundTrip` in the test mode. */
export let waitingOrdinaryState: KernelState.WaitingOrdinary | KernelState.WaitingRoundTrip = KernelState.WaitingOrdinary;
onSuspendEveryAwait((on) => {
  runningState = on ? KernelState.RunningHooked : KernelState.Running;
  waitingOrdinaryState = on ? KernelState.WaitingRoundTrip : KernelState.WaitingOrdinary;
});

/** Something generated code can await that the engine understands (helper promises, durable calls, directives). */
export interface Awaitable {
  /** Called when frame `k` awaits this; returns the value the native await uses. */
  awaitedBy(k: Kernel): unknown;
}

export class Kernel implements Awaitable {
  frame!: Frame;
  tree!: Tree;
  /** The kernel of the frame that was executing when this one was created (its caller), if any. */
  parent: Kernel | null = null;
  /** The frame to make current again when this one yields its synchronous slice. */
  prev: Frame | null = null;
  state: KernelState = runningState;
  /** The activation's promise, known when the call went through a helper wrapper or the engine. */
  promise: Promise<unknown> | undefined = undefined;
  /** What this frame waits on while state is WaitingDurable. */
  waitingOn: Awaitable | null = null;
  ok = false;
  value: unknown = undefined;
  /** The helper wrapper this activation was called through, when there is one (a lifted closure's body is found from it). */
  via: Function | null = null;
  /** Links of the tree's list of live kernels. */
  nextLive: Kernel | null = null;
  prevLive: Kernel | null = null;

  constructor(readonly desc: FunctionDescriptor) {}

  /** Joins the tree of the frame that is current, or starts one: a stale frame (context.ts) is no parent. */
  attach(current: Frame | null): void {
    // One read of `$k`: frames of different functions have different shapes, so it is a megamorphic load.
    const pk = current === null ? null : current.$k;
    if (pk !== null && isRunning(pk.state)) {
      this.parent = pk;
      this.tree = pk.tree;
    } else {
      this.tree = new Tree();
    }
    this.tree.add(this);
  }

  resumed(): void {
    if (this.state === KernelState.WaitingDurable) this.tree.durableWaits--;
    this.state = runningState;
    this.waitingOn = null;
    this.prev = null;
  }

  finish(): void {
    if (!isRunning(this.state)) this.resumed();
    this.state = KernelState.Done;
    context.current = this.prev;
    this.prev = null;
    this.tree.remove(this);
  }

  /** A frame awaits this helper's promise: native await on the same promise keeps tick counts. */
  awaitedBy(k: Kernel): unknown {
    if (this.state === KernelState.Done) k.state = waitingOrdinaryState;
    else {
      k.state = KernelState.WaitingDurable;
      k.waitingOn = this;
      k.tree.durableWaits++;
    }
    k.tree.changed();
    return this.promise;
  }
}
