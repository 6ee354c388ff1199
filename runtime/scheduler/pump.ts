// The pump: claims runnable calls and starts them, within each function's concurrency limit.
// It runs when something may have become runnable (every store write wakes it, coalesced to one
// run per microtask turn) and when the earliest future ready time comes (one timer). The timer is
// set from the store (nextReadyAt) at start and each time it fires, and moved earlier by the core
// whenever it writes a ready time, so that a pump does not have to ask the store each time.
// Claims repeat while a claim comes back full, up to a bound per wake. Most claims are not made
// here but in the transaction that writes the outcomes of runs (OutcomeWriter borrows the claim
// through reserveClaim/claimedInWrite), so the calls those outcomes made runnable start at once.
import type { TimerHandle } from "./clock.js";
import type { Core } from "./core.js";
import { isReserved, SLEEP_FUNCTION, WAIT_FOR_EVENT_FUNCTION } from "./reserved.js";
import type { ClaimedCall, ClaimRequest } from "./store/types.js";

const MAX_CLAIMS_PER_WAKE = 64;
const RESOLVED = Promise.resolve();
/** After a failed store operation the pump tries again this much later. */
const ERROR_BACKOFF_MS = 1000;

export class Pump {
  readonly #inflight = new Map<string, number>();
  readonly #running = new Set<Promise<void>>();
  #queued = false;
  #pumping = false;
  #again = false;
  #stopped = true;
  #abandoned = false;
  /** Settles when a claim lent to a store write has come back (claimedInWrite or releaseClaim). */
  #lent: { promise: Promise<void>; done(): void } | undefined;
  #timer: { handle: TimerHandle; at: number } | undefined;
  /** The timer must be set from the store (start, timer fired, store error). */
  #rearm = true;
  /** Functions that used up their capacity in the last claim: a run of theirs ending frees a slot
   * someone may be waiting for. Other runs ending need no claim (their writes wake the pump). */
  readonly #saturated = new Set<string>();

  constructor(
    private readonly core: Core,
    private readonly execute: (claimed: ClaimedCall) => Promise<void>,
  ) {}

  start(): void {
    this.#stopped = false;
    this.wake();
  }

  /** Runs the pump soon; many wakes in one turn make one pump. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    if (this.#queued) return;
    this.#queued = true;
    RESOLVED.then(this.#wakeNow);
  }

  /** The queued wake (a resolved promise's reaction: Node's queueMicrotask makes an AsyncResource per call). */
  readonly #wakeNow = (): void => {
    this.#queued = false;
    void this.#pump();
  };

  get inflight(): number {
    return this.#running.size;
  }

  /** True when nothing runs and no pump is pending. */
  get idle(): boolean {
    return this.#running.size === 0 && !this.#pumping && !this.#queued;
  }

  /** Stops claiming and waits for the runs in flight to write their outcomes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.handle.cancel();
    this.#timer = undefined;
    // A claim lent to a write may still start calls: they run to their outcome like the others.
    while (this.#running.size > 0 || this.#lent) await Promise.allSettled([...this.#running, this.#lent?.promise]);
  }

  /** Stops claiming at once and forgets the runs in flight (a crash, for tests). */
  abandon(): void {
    this.#stopped = true;
    this.#abandoned = true;
    this.#timer?.handle.cancel();
    this.#timer = undefined;
  }

  async #pump(): Promise<void> {
    if (this.#stopped) return;
    if (this.#lent) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    const { store, clock, options } = this.core;
    try {
      for (let round = 0; round < MAX_CLAIMS_PER_WAKE && !this.#stopped; round++) {
        this.#again = false;
        const request = this.#request();
        const claimed = await store.claimRunnable(request);
        this.#noteSaturated(claimed, request.capacity, request.defaultCapacity);
        for (const c of claimed) this.#start(c);
        if (claimed.length < options.claimBatch && !this.#again) break;
      }
      if (this.#rearm) {
        this.#rearm = false;
        await this.#arm();
      }
    } catch (error) {
      this.core.emitter.emit("scheduler:error", { error, during: "claim" });
      this.#rearm = true;
      this.#setTimer(clock.now() + ERROR_BACKOFF_MS, true);
    } finally {
      this.#pumping = false;
    }
    if (this.#again) this.wake();
    else this.#maybeIdle();
  }

  #request(): ClaimRequest {
    const { clock, options, limits } = this.core;
    return { now: clock.now(), limit: options.claimBatch, capacity: this.#capacity(), defaultCapacity: limits.initial() };
  }

  /** Lends the next claim to a store write; undefined when a claim is under way or the pump stopped. */
  reserveClaim(): ClaimRequest | undefined {
    if (this.#stopped || this.#pumping) return undefined;
    this.#pumping = true;
    let done!: () => void;
    const promise = new Promise<void>((resolve) => (done = resolve));
    this.#lent = { promise, done };
    return this.#request();
  }

  /** The lent claim came back with these calls, already marked running in the store. */
  claimedInWrite(claimed: readonly ClaimedCall[], request: ClaimRequest): void {
    this.#noteSaturated(claimed, request.capacity, request.defaultCapacity);
    // After a (simulated) crash they stay running in the store, as a crash would leave them.
    if (!this.#abandoned) for (const c of claimed) this.#start(c);
    this.#returnClaim(claimed.length >= request.limit);
  }

  /** The write that borrowed the claim failed. */
  releaseClaim(): void {
    this.#returnClaim(true);
  }

  #returnClaim(again: boolean): void {
    this.#pumping = false;
    const lent = this.#lent;
    this.#lent = undefined;
    lent?.done();
    // A full claim may have left runnable calls behind; the timer may need setting from the store.
    if (again || this.#again || this.#rearm) this.wake();
    else this.#maybeIdle();
  }

  #maybeIdle(): void {
    if (this.idle && !this.#stopped) this.core.emitter.emit("scheduler:idle", {});
  }

  #capacity(): Record<string, number> {
    const batch = this.core.options.claimBatch;
    const capacity: Record<string, number> = { [SLEEP_FUNCTION]: batch, [WAIT_FOR_EVENT_FUNCTION]: batch };
    for (const [fn, limit] of this.core.limits.entries()) capacity[fn] = limit;
    for (const [fn, count] of this.#inflight) capacity[fn] = this.core.limits.get(fn) - count;
    return capacity;
  }

  #noteSaturated(claimed: readonly ClaimedCall[], capacity: Record<string, number>, otherwise: number): void {
    this.#saturated.clear();
    for (const fn of Object.keys(capacity)) if (capacity[fn]! <= 0) this.#saturated.add(fn);
    // Runs once per claim (twice per sequential step): no map for the common claim of one call.
    if (claimed.length === 1) {
      const fn = claimed[0]!.call.function;
      if (1 >= (capacity[fn] ?? otherwise)) this.#saturated.add(fn);
    } else if (claimed.length > 1) {
      const used = new Map<string, number>();
      for (const c of claimed) used.set(c.call.function, (used.get(c.call.function) ?? 0) + 1);
      for (const [fn, n] of used) if (n >= (capacity[fn] ?? otherwise)) this.#saturated.add(fn);
    }
  }

  #start(claimed: ClaimedCall): void {
    const fn = claimed.call.function;
    const counted = !isReserved(fn);
    if (counted) this.#inflight.set(fn, (this.#inflight.get(fn) ?? 0) + 1);
    const ended = (): void => {
      this.#running.delete(run);
      if (counted) {
        const left = this.#inflight.get(fn)! - 1;
        if (left === 0) this.#inflight.delete(fn);
        else this.#inflight.set(fn, left);
      }
      if (this.#saturated.delete(fn)) this.wake();
      else if (this.#running.size === 0) this.#maybeIdle();
    };
    // One then() rather than catch().finally(): this runs per call, and finally() adds promises.
    const run: Promise<void> = this.execute(claimed).then(ended, (error: unknown) => {
      this.core.emitter.emit("scheduler:error", { error, during: `run of ${claimed.call.id}` });
      ended();
    });
    this.#running.add(run);
  }

  /** A ready time was written: fire no later than it. */
  readyAt(at: number): void {
    if (at <= this.core.clock.now()) this.wake();
    else if (!this.#timer || at < this.#timer.at) this.#setTimer(at, false);
  }

  async #arm(): Promise<void> {
    const now = this.core.clock.now();
    const next = await this.core.store.nextReadyAt(now);
    if (next === undefined) {
      this.#timer?.handle.cancel();
      this.#timer = undefined;
    } else {
      this.#setTimer(next, true);
    }
  }

  /** `replace`: the store's answer, which may be later than the current timer. */
  #setTimer(at: number, replace: boolean): void {
    if (this.#stopped || this.#timer?.at === at) return;
    if (!replace && this.#timer && this.#timer.at <= at) return;
    this.#timer?.handle.cancel();
    const handle = this.core.clock.setTimer(at - this.core.clock.now(), () => {
      this.#timer = undefined;
      this.#rearm = true;
      this.wake();
    });
    this.#timer = { handle, at };
  }
}
