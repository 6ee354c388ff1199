// A call to a dispatch.function. Inside a durable body it is eager: created
// with a correlation id in the running call's state and sent with the next
// Poll. A frame that awaits it waits durably until its result comes back in a
// PollResult; after a resume from bytes the decoded call carries the result.
import type { Any } from "@bufbuild/protobuf/wkt";
import type { Awaitable, Kernel } from "./kernel.js";
import { KernelState, waitingOrdinaryState } from "./kernel.js";
import { awaitables } from "./awaitables.js";

export const enum CallState {
  /** Created, not yet sent in a Poll. */
  New = 0,
  /** Sent; its result has not arrived. */
  Pending = 1,
  Settled = 2,
  /** Its caller no longer needs it (a loser of any/race): cancelled with the next Poll. */
  Cancelled = 3,
}

export interface CallTarget {
  /** The wire name (Call.function). */
  readonly function: string;
  readonly endpoint?: string;
  readonly expirationMs?: number;
  readonly version?: string;
  /** A ready-made input (reserved functions take well-known types); else the arguments are encoded. */
  readonly input?: Any;
}

export class DurableCall implements Awaitable {
  state = CallState.New;
  ok = false;
  value: unknown = undefined;
  /** Whether a frame (or a directive) awaited it: never-awaited calls are dispatched detached before Exit. */
  awaited = false;
  /** Whether a Poll carried it (a cancelled call that was never sent needs no cancellation). */
  sent = false;
  private settledPromise: Promise<unknown> | undefined;
  /** Settles `settledPromise` when the result arrives in this activation (a PollResult delivered after decoding). */
  private settleOutcome: ((ok: boolean, value: unknown) => void) | undefined;

  constructor(
    readonly correlationId: number,
    readonly target: CallTarget,
    /** The arguments, kept until a result arrives (a PollResult error asks for the calls again). */
    public args: unknown[] | undefined,
  ) {
    awaitables.set(this, this);
  }

  settle(ok: boolean, value: unknown): void {
    if (this.state === CallState.Settled) return;
    this.state = CallState.Settled;
    this.ok = ok;
    this.value = value;
    this.args = undefined;
    if (this.settleOutcome !== undefined) {
      this.settleOutcome(ok, value);
      this.settleOutcome = undefined;
    }
  }

  /**
   * A promise of the outcome (created once, so that awaiting it twice sees one promise). Taken
   * before the result is in (a lowered Promise.all over calls combines them when its state is
   * decoded, and the PollResult's results are delivered after that), it settles with the result.
   */
  outcome(): Promise<unknown> {
    if (this.settledPromise === undefined) {
      let p: Promise<unknown>;
      if (this.state === CallState.Settled) p = this.ok ? Promise.resolve(this.value) : Promise.reject(this.value);
      else p = new Promise((resolve, reject) => (this.settleOutcome = (ok, value) => (ok ? resolve(value) : reject(value))));
      // Awaited by the frame or a combinator; this keeps a late await from counting as unhandled.
      p.catch(() => undefined);
      this.settledPromise = p;
    }
    return this.settledPromise;
  }

  /**
   * Lowered code never calls this (awaits of durable calls are recognized by
   * identity). Code the transformer did not lower awaits through `then`: that
   * cannot be suspended, so it fails and names the call.
   */
  then(_onFulfilled?: unknown, onRejected?: (reason: unknown) => unknown): unknown {
    this.awaited = true;
    const error = new Error(
      `cannot await the durable call ${this.target.function}(...) in code the transformer did not lower: ` +
        `mark the async function that awaits it with dispatch.durable(...) (or "use durable" in its file), or await the call in the durable function itself`,
    );
    if (typeof onRejected === "function") return onRejected(error);
    throw error;
  }

  awaitedBy(k: Kernel): unknown {
    this.awaited = true;
    if (this.state === CallState.Settled) {
      k.state = waitingOrdinaryState;
      return this.outcome();
    }
    k.state = KernelState.WaitingDurable;
    k.waitingOn = this;
    k.tree.durableWaits++;
    k.tree.changed();
    // Never settles in this activation: the run suspends and a later one resumes from bytes. A
    // promise of its own, not one shared by every wait: the await's continuation (this frame, its
    // locals, its kernel) hangs on the awaited promise, so a shared one would keep every
    // suspended activation of the process alive.
    return never();
  }
}

/** A promise that never settles, garbage once nothing awaits it. */
export function never(): Promise<never> {
  return new Promise<never>(() => undefined);
}
