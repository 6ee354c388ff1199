// The memory store's due-calls index: one binary min-heap of (readyAt, seq) per function, so a
// claim takes the oldest due calls in O(k · functions · log n) instead of scanning and sorting
// every call with a ready time (a fan-out of n calls claimed 64 at a time cost about n/64 sorts
// of n rows), and the due calls of a function without capacity are never looked at.
//
// Entries are never removed from the middle: a call whose ready time (or function, after a tail
// call) changes gets a new entry, and entries that are no longer a call's current one are dropped
// when they surface. When stale entries outnumber live ones the heaps are rebuilt from the live
// ones, so memory stays O(calls with a ready time).

export interface ReadyEntry {
  readonly readyAt: number;
  readonly seq: number;
  readonly id: string;
  readonly fn: string;
}

const before = (a: ReadyEntry, b: ReadyEntry) => a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.seq < b.seq);

// Sifting moves a hole instead of swapping pairs: a destructuring swap builds an array per level.
class Heap {
  readonly items: ReadyEntry[] = [];

  push(entry: ReadyEntry): void {
    const heap = this.items;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (!before(entry, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = entry;
  }

  pop(): ReadyEntry | undefined {
    const heap = this.items;
    const top = heap[0];
    const last = heap.pop();
    const n = heap.length;
    if (n === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      const below = heap[child]!;
      if (!before(below, last)) break;
      heap[i] = below;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

export class ReadyQueue {
  #heaps = new Map<string, Heap>();
  #entries = 0;
  /** The current entry of each call with a ready time. */
  readonly #live = new Map<string, ReadyEntry>();

  /** Live entries, in no order. */
  entries(): IterableIterator<ReadyEntry> {
    return this.#live.values();
  }

  set(id: string, seq: number, fn: string, readyAt: number | undefined): void {
    const current = this.#live.get(id);
    if (current?.readyAt === readyAt && current?.fn === fn) return;
    if (readyAt === undefined) {
      this.#live.delete(id);
      return;
    }
    const entry = { readyAt, seq, id, fn };
    this.#live.set(id, entry);
    this.#push(entry);
    if (this.#entries > 2 * this.#live.size + 1024) this.#rebuild();
  }

  /** Removes and returns the earliest live entry due at `now` among the functions `allowed`
   * accepts (the call keeps its ready time until it is set again). */
  popDue(now: number, allowed: (fn: string) => boolean): ReadyEntry | undefined {
    let best: Heap | undefined;
    for (const [fn, heap] of this.#heaps) {
      while (heap.items.length > 0 && this.#live.get(heap.items[0]!.id) !== heap.items[0]) {
        heap.pop();
        this.#entries--;
      }
      const top = heap.items[0];
      if (top === undefined) {
        this.#heaps.delete(fn);
        continue;
      }
      if (top.readyAt > now || !allowed(fn)) continue;
      if (!best || before(top, best.items[0]!)) best = heap;
    }
    if (!best) return undefined;
    this.#entries--;
    return best.pop();
  }

  #push(entry: ReadyEntry): void {
    let heap = this.#heaps.get(entry.fn);
    if (!heap) this.#heaps.set(entry.fn, (heap = new Heap()));
    heap.push(entry);
    this.#entries++;
  }

  #rebuild(): void {
    this.#heaps = new Map();
    this.#entries = 0;
    for (const entry of this.#live.values()) this.#push(entry);
  }
}
