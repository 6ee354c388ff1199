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
  /** Live kernels as an intrusive list: adding and removing one costs no allocation or hashing. */
  private head: Kernel | null = null;
  size = 0;
  /** The engine run driving this tree; null for a tree started by ordinary code (no durable calls). */
  run: unknown = null;
  durableWaits = 0;
  observer: TreeObserver | null = null;

  add(k: Kernel): void {
    k.nextLive = this.head;
    k.prevLive = null;
    if (this.head !== null) this.head.prevLive = k;
    this.head = k;
    this.size++;
  }

  remove(k: Kernel): void {
    if (k.prevLive !== null) k.prevLive.nextLive = k.nextLive;
    else if (this.head === k) this.head = k.nextLive;
    else return; // not in this tree
    if (k.nextLive !== null) k.nextLive.prevLive = k.prevLive;
    k.nextLive = k.prevLive = null;
    this.size--;
    if (this.observer !== null) this.observer.changed(this);
  }

  /** The live kernels, oldest first. */
  live(): Kernel[] {
    const out: Kernel[] = [];
    for (let k = this.head; k !== null; k = k.nextLive) out.push(k);
    return out.reverse();
  }

  changed(): void {
    if (this.observer !== null) this.observer.changed(this);
  }

  /** Every live frame waits on something durable (or the tree is empty). */
  quiescent(): boolean {
    return this.durableWaits === this.size;
  }
}
