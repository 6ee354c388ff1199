// The engine's explicit context: which frame is executing synchronously right
// now. Generated code sets it on entry and after each await and restores the
// caller's on each await, return and throw, so a durable call or helper made in
// a synchronous slice knows the frame (and tree) it belongs to. No
// AsyncLocalStorage: a microtask continuation starts from no frame.
//
// `current` may be stale: an await that has no caller to give the context back to (every await
// after the first) leaves its own frame there, waiting, instead of writing null, and the resume
// after it writes the frame only when another one was made current meanwhile. So a loop of
// awaits in one frame writes nothing here (a frame is young and this object is old: each write
// of one costs a write barrier, ~8% of such a loop). A frame whose kernel is not running is no
// context: readers go through `running()`.
import type { Frame, FunctionDescriptor } from "./frame.js";
import { Kernel, isRunning } from "./kernel.js";

class EngineContext {
  /** The frame executing synchronously, or a stale one (its kernel waits or is done), or null. */
  current: Frame | null = null;
  /** Set by the engine just before it calls a function to re-enter `resuming`. */
  resuming: Frame | null = null;
  /** Set by a helper wrapper just before it calls the body, so it learns the kernel (and can map the promise to it). */
  nextKernel: Kernel | null = null;

  /** The frame executing synchronously right now, if any. */
  running(): Frame | null {
    const f = this.current;
    return f !== null && isRunning(f.$k.state) ? f : null;
  }

  /** Drops a stale frame, so that a finished or abandoned tree is not kept alive by this object. */
  forgetStale(): void {
    if (this.running() === null) this.current = null;
  }

  takeKernel(d: FunctionDescriptor): Kernel {
    const k = this.nextKernel;
    // Possibly stale: attach reads its kernel once, for the state and the tree.
    const parent = this.current;
    if (k !== null && k.desc === d) {
      this.nextKernel = null;
      // The engine gives a root its tree (and run) before calling it.
      if (k.tree === undefined) k.attach(parent);
      return k;
    }
    const fresh = new Kernel(d);
    fresh.attach(parent);
    return fresh;
  }
}

export const context = new EngineContext();
