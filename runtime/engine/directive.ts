// Combinators over durable operations: dispatch.gather/all/any/race (Dispatch
// semantics: losers of any/race are cancelled, any/race of nothing is
// undefined) and the lowered Promise.all/allSettled/any/race (native results:
// Promise.any([]) rejects with an AggregateError, losers keep running). A
// directive is decided from what is known now (settled calls, finished
// helpers, plain values); until then the awaiting frame waits durably and the
// in-process items (helpers) combine natively, so a helper finishing first
// decides a race without a round trip.
import { Kernel, KernelState, waitingOrdinaryState, type Awaitable } from "./kernel.js";
import { awaitables } from "./awaitables.js";
import { CallState, DurableCall, never } from "./durable-call.js";

export type DirectiveKind = "all" | "allSettled" | "any" | "race" | "gather" | "dispatchAny" | "dispatchRace";

type Known = { done: false } | { done: true; ok: boolean; value: unknown };

/** Not decided yet: one object for every undecided item (a fan-out has thousands), never changed. */
const UNDECIDED: Known = Object.freeze({ done: false });


const NATIVE_KINDS = new Set<DirectiveKind>(["all", "allSettled", "any", "race"]);

export class Directive implements Awaitable {
  private combined: Promise<unknown> | undefined;

  constructor(
    readonly kind: DirectiveKind,
    readonly items: unknown[],
  ) {
    awaitables.set(this, this);
  }

  /** The outcome if it can be decided from what is known now. */
  decide(): Known {
    const known = this.items.map(knownOf);
    switch (this.kind) {
      case "all":
      case "gather": {
        for (const k of known) if (k.done && !k.ok) return k;
        if (known.every((k) => k.done)) return { done: true, ok: true, value: known.map((k) => (k as { value: unknown }).value) };
        return { done: false };
      }
      case "allSettled":
        if (!known.every((k) => k.done)) return { done: false };
        return {
          done: true,
          ok: true,
          value: known.map((k) => (k as { ok: boolean; value: unknown }).ok ? { status: "fulfilled", value: (k as { value: unknown }).value } : { status: "rejected", reason: (k as { value: unknown }).value }),
        };
      case "any":
      case "dispatchAny": {
        if (known.length === 0) return this.kind === "any" ? { done: true, ok: false, value: new AggregateError([], "All promises were rejected") } : { done: true, ok: true, value: undefined };
        for (const k of known) if (k.done && k.ok) return k;
        if (known.every((k) => k.done)) {
          const errors = known.map((k) => (k as { value: unknown }).value);
          return { done: true, ok: false, value: new AggregateError(errors, this.kind === "any" ? "All promises were rejected" : `all ${errors.length} calls failed`) };
        }
        return { done: false };
      }
      case "race":
      case "dispatchRace": {
        if (known.length === 0 && this.kind === "dispatchRace") return { done: true, ok: true, value: undefined };
        for (const k of known) if (k.done) return k;
        return { done: false };
      }
    }
  }

  /** Calls this directive still waits on (for min_results and cancellation). */
  pendingCalls(): DurableCall[] {
    const out: DurableCall[] = [];
    for (const item of this.items) {
      if (item instanceof DurableCall && item.state !== CallState.Settled) out.push(item);
      else if (item instanceof Directive) out.push(...item.pendingCalls());
    }
    return out;
  }

  /** How many more results could decide it (all: every pending call; any/race: one). */
  resultsNeeded(): number {
    const pending = this.pendingCalls().length;
    return this.kind === "all" || this.kind === "gather" || this.kind === "allSettled" ? pending : Math.min(1, pending);
  }

  awaitedBy(k: Kernel): unknown {
    markAwaited(this.items);
    if (NATIVE_KINDS.has(this.kind)) {
      // Lowered Promise.*: await the very promise the program holds, so tick counts stay native.
      // Waiting on helpers or calls is durable: the helpers are tree members with their own state.
      const durable = !this.decide().done;
      k.state = durable ? KernelState.WaitingDurable : waitingOrdinaryState;
      if (durable) {
        k.waitingOn = this;
        k.tree.durableWaits++;
      }
      k.tree.changed();
      return this.inProcess();
    }
    const d = this.decide();
    if (d.done) {
      k.state = waitingOrdinaryState;
      this.cancelLosers();
      return d.ok ? Promise.resolve(d.value) : Promise.reject(d.value);
    }
    k.state = KernelState.WaitingDurable;
    k.waitingOn = this;
    k.tree.durableWaits++;
    k.tree.changed();
    // Over durable calls alone, undecided now, nothing can decide it in this activation (calls
    // settle only as a resume delivers results, before the frames re-enter): the frame waits on
    // a promise that never settles, without a promise per call and their combination (a fan-out
    // of 2,000 calls built 4,000 promises per activation for nothing).
    if (this.combined === undefined && this.items.every(isDurableCall)) return never();
    return this.inProcess();
  }

  /** Combines the in-process items natively; pending calls never settle in this activation. */
  inProcess(): Promise<unknown> {
    if (this.combined === undefined) {
      const promises = this.items.map(promiseOf);
      const p =
        this.kind === "allSettled"
          ? Promise.allSettled(promises)
          : this.kind === "any" || this.kind === "dispatchAny"
            ? Promise.any(promises)
            : this.kind === "race" || this.kind === "dispatchRace"
              ? Promise.race(promises)
              : Promise.all(promises);
      // The combined promise is this directive's: awaiting it (also after a resume) is recognized.
      awaitables.set(p, this);
      this.combined = p;
    }
    return this.combined;
  }

  /** Dispatch semantics: once any/race is decided, the calls it no longer needs are cancelled. */
  cancelLosers(): void {
    if (this.kind !== "dispatchAny" && this.kind !== "dispatchRace") return;
    for (const c of this.pendingCalls()) c.state = CallState.Cancelled;
  }
}

function isDurableCall(item: unknown): boolean {
  return item instanceof DurableCall;
}

function knownOf(item: unknown): Known {
  if (item instanceof DurableCall) return item.state === CallState.Settled ? { done: true, ok: item.ok, value: item.value } : UNDECIDED;
  if (item instanceof Directive) return item.decide();
  if ((typeof item === "object" && item !== null) || typeof item === "function") {
    const aw = awaitables.get(item as object);
    if (aw instanceof Directive) return aw.decide();
    if (aw instanceof Kernel) return aw.state === KernelState.Done ? { done: true, ok: aw.ok, value: aw.value } : UNDECIDED;
    if (aw instanceof DurableCall) return knownOf(aw);
  }
  return { done: true, ok: true, value: item };
}

function promiseOf(item: unknown): unknown {
  // A cancelled call's own never-settling promise: one shared by all would keep every combinator
  // over it (and the frame awaiting that) alive for the life of the process.
  if (item instanceof DurableCall) return item.state === CallState.Cancelled ? never() : item.outcome();
  if (item instanceof Directive) return item.inProcess();
  if ((typeof item === "object" && item !== null) || typeof item === "function") {
    const aw = awaitables.get(item as object);
    if (aw instanceof DurableCall) return promiseOf(aw);
    if (aw instanceof Directive) return aw.inProcess();
  }
  return item;
}

function markAwaited(items: unknown[]): void {
  for (const item of items) {
    if (item instanceof DurableCall) item.awaited = true;
    else if (item instanceof Directive) markAwaited(item.items);
  }
}
