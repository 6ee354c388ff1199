// The engine's explicit context: which frame is executing synchronously right
// now. Generated code sets it on entry and after each await and restores the
// caller's on each await, return and throw, so a durable call or helper made in
// a synchronous slice knows the frame (and tree) it belongs to. No
// AsyncLocalStorage: a microtask continuation always starts from `null`.
import type { Frame, FunctionDescriptor } from "./frame.js";
import { Kernel } from "./kernel.js";

class EngineContext {
  current: Frame | null = null;
  /** Set by the engine just before it calls a function to re-enter `resuming`. */
  resuming: Frame | null = null;
  /** Set by a helper wrapper just before it calls the body, so it learns the kernel (and can map the promise to it). */
  nextKernel: Kernel | null = null;

  takeKernel(d: FunctionDescriptor): Kernel {
    const k = this.nextKernel;
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
