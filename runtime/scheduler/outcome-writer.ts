// Writing the outcomes of runs. The completions, polls and reschedules issued in the same microtask
// turn go to the store as one writeOutcomes, i.e. one transaction (as graphile-worker batches
// completeJobs), and that transaction also makes the pump's next claim: the calls the outcomes
// made runnable (a parent whose results are in, the children of a poll) are claimed in the write
// that made them so and start as soon as it commits. A sequential step then costs two
// transactions (the parent's poll with its child's claim, the child's completion with the
// parent's claim) instead of four, and no timer or extra pump turn sits between them.
//
// Nothing waits for a batch to fill: a lone outcome goes out at the end of the turn it was made
// in (with batchWrites false, at once). Each caller gets its own item's `applied` flag and the
// finished calls that stem from it (the call itself, the cancelled or matched calls below it).
import type { BatchOutcome, ClaimedCall, ClaimRequest, Completion, Finished, Outcome, PollRecord, Reschedule, Store } from "./store/types.js";

/** How the writer borrows the pump's claim. */
export interface ClaimHooks {
  /** The claim to make in this write, or undefined when the pump is claiming already or stopped.
   * Until claimed() or released(), the pump makes no claim of its own. */
  reserve(): ClaimRequest | undefined;
  /** What the write's claim returned; called once every caller of the batch has seen its outcome,
   * so events keep their order (a child's "call:done" before its parent's "call:resume"). */
  claimed(claimed: readonly ClaimedCall[], request: ClaimRequest): void;
  /** The write failed: the pump claims by itself again. */
  released(): void;
  /** The write made no claim: the pump should look (coalesced with its current claim). */
  wake(): void;
}

const RESOLVED = Promise.resolve();

interface Caller {
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

class List<T extends { readonly id: string }> {
  readonly items: T[] = [];
  readonly callers: Caller[] = [];

  settle(outcome: Outcome): void {
    const byItem = attribute(
      this.items.map((item) => item.id),
      outcome.finished,
    );
    this.callers.forEach((c, i) => c.resolve({ applied: [outcome.applied[i] === true], finished: byItem[i]! }));
  }
}

class Batch {
  readonly completions = new List<Completion>();
  readonly polls = new List<PollRecord>();
  readonly reschedules = new List<Reschedule>();
  readonly settled: Promise<unknown>[] = [];
  constructor(public now: number) {}
}

/** Splits a batch's finished calls among the items that caused them (parents come first). */
function attribute(ids: readonly string[], finished: readonly Finished[]): Finished[][] {
  const owner = new Map<string, number>(ids.map((id, i) => [id, i]));
  const out: Finished[][] = ids.map(() => []);
  for (const f of finished) {
    const i = owner.get(f.id) ?? (f.parentId !== undefined ? owner.get(f.parentId) : undefined) ?? 0;
    owner.set(f.id, i);
    out[i]!.push(f);
  }
  return out;
}

export class OutcomeWriter {
  #pending: Batch | undefined;

  constructor(
    private readonly store: Store,
    private readonly hooks: ClaimHooks,
    /** False: every outcome is its own write (still with a claim). */
    private readonly batch: boolean,
  ) {}

  complete(item: Completion, now: number): Promise<Outcome> {
    return this.#add((b) => b.completions, item, now);
  }

  poll(item: PollRecord, now: number): Promise<Outcome> {
    return this.#add((b) => b.polls, item, now);
  }

  reschedule(item: Reschedule, now: number): Promise<Outcome> {
    return this.#add((b) => b.reschedules, item, now);
  }

  #add<T extends { readonly id: string }>(list: (b: Batch) => List<T>, item: T, now: number): Promise<Outcome> {
    let batch = this.batch ? this.#pending : undefined;
    if (!batch) {
      const fresh = new Batch(now);
      batch = fresh;
      // A resolved promise's reaction rather than queueMicrotask, which in Node makes an
      // AsyncResource and enters its scope for every callback; the turn is the same.
      if (this.batch) {
        this.#pending = fresh;
        RESOLVED.then(() => {
          this.#pending = undefined;
          void this.#flush(fresh);
        });
      } else {
        RESOLVED.then(() => void this.#flush(fresh));
      }
    }
    const target = list(batch);
    const promise = new Promise<Outcome>((resolve, reject) => target.callers.push({ resolve, reject }));
    target.items.push(item);
    batch.settled.push(promise);
    // The latest time: every item was decided by then.
    batch.now = Math.max(batch.now, now);
    return promise;
  }

  async #flush(batch: Batch): Promise<void> {
    const claim = this.hooks.reserve();
    let outcome: BatchOutcome;
    try {
      outcome = await this.store.writeOutcomes(
        {
          completions: batch.completions.items,
          polls: batch.polls.items,
          reschedules: batch.reschedules.items,
          ...(claim ? { claim } : {}),
        },
        batch.now,
      );
    } catch (error) {
      for (const list of [batch.completions, batch.polls, batch.reschedules]) for (const c of list.callers) c.reject(error);
      if (claim) this.hooks.released();
      else this.hooks.wake();
      return;
    }
    batch.completions.settle(outcome.completed);
    batch.polls.settle(outcome.polled);
    batch.reschedules.settle(outcome.rescheduled);
    if (!claim) {
      this.hooks.wake();
      return;
    }
    // The callers' continuations were queued first, so they run before this one does.
    await Promise.allSettled(batch.settled);
    this.hooks.claimed(outcome.claimed, claim);
  }
}
