// The scheduler's only source of time. Every timestamp it stores and every timer it sets goes
// through a Clock, so tests run whole workflows of retries and sleeps under vitest fake timers or
// a ManualClock without waiting. The system clock looks up setTimeout at each call (not at import)
// so that fake timers installed later still apply.

export type TimerHandle = { readonly cancel: () => void };

export interface Clock {
  now(): number;
  /** Calls `fn` after `delayMs`. `keepAlive: false` lets the process exit while it is pending. */
  setTimer(delayMs: number, fn: () => void, options?: { readonly keepAlive?: boolean }): TimerHandle;
}

/** setTimeout's largest delay; longer timers are set again when they fire. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, fn, options) {
    const timer = globalThis.setTimeout(fn, Math.min(Math.max(0, delayMs), MAX_TIMER_DELAY_MS));
    if (options?.keepAlive === false) timer.unref?.();
    return { cancel: () => globalThis.clearTimeout(timer) };
  },
};
