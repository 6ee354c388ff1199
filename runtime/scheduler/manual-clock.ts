// A clock that only moves when told to. `advance` fires due timers one by one in time order and
// lets the work each one starts settle (a real macrotask turn) before the next, so that timers set
// by that work inside the advanced window fire too, as they would in real time.
import type { Clock, TimerHandle } from "./clock.js";

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<PendingTimer>();

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const timer = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, fn };
    this.#timers.add(timer);
    return { cancel: () => this.#timers.delete(timer) };
  }

  /** Pending timers (for assertions that nothing is left behind). */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, at most `maxTimers` of them. */
  async advance(ms: number, maxTimers = 10_000): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (let fired = 0; fired < maxTimers; fired++) {
      const next = this.#earliest();
      if (!next || next.at > target) break;
      this.#timers.delete(next);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  #earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
