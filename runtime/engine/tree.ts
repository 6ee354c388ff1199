// The coroutine tree: every live frame started from one root (a durable call
// run by the engine, or a transformed function called from ordinary code).
// Concurrent branches (Promise.all over helpers, helpers started and awaited
// later) make it a tree and not a stack. The counters tell the engine when
// every live branch waits on a durable operation: that is when it suspends.
import type { Kernel } from "./kernel.js";

export interface TreeObserver {
  /** Some frame changed state; the observer decides whether the tree is quiescent. */
  changed(tree: Tree): void;
}

export class Tree {
  readonly kernels = new Set<Kernel>();
  /** The engine run driving this tree; null for a tree started by ordinary code (no durable calls). */
  run: unknown = null;
  ordinaryWaits = 0;
  durableWaits = 0;
  observer: TreeObserver | null = null;

  add(k: Kernel): void {
    this.kernels.add(k);
  }

  remove(k: Kernel): void {
    this.kernels.delete(k);
    if (this.observer !== null) this.observer.changed(this);
  }

  onOrdinaryWait(_k: Kernel): void {
    this.ordinaryWaits++;
    if (this.observer !== null) this.observer.changed(this);
  }

  changed(): void {
    if (this.observer !== null) this.observer.changed(this);
  }

  /** Every live frame waits on something durable (or the tree is empty). */
  quiescent(): boolean {
    return this.durableWaits === this.kernels.size;
  }
}
