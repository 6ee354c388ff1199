// Calling the Invoker with a deadline. A run that does not answer within invokeTimeoutMs counts as
// TIMEOUT (retryable); its late answer is ignored, since the next attempt owns the call by then.
//
// Every run has the same timeout, so deadlines come in the order runs start: they wait in a FIFO
// with one timer for the oldest, instead of a timer set and cancelled per run (a fan-out of 2,000
// in-process calls spent more on its timers than on its store).
import type { RunRequest, RunResponse } from "../gen/dispatch/sdk/v1/function_pb.js";
import { Status } from "../gen/dispatch/sdk/v1/status_pb.js";
import type { TimerHandle } from "./clock.js";
import type { Core } from "./core.js";

class InvokeTimeoutError extends Error {
  readonly dispatchStatus = Status.TIMEOUT;
}

interface Pending {
  readonly deadline: number;
  /** Cleared when the run answers. */
  expire: (() => void) | undefined;
}

class Deadlines {
  #queue: Pending[] = [];
  #head = 0;
  /** Runs not answered yet: when answered ones far outnumber them (a long run at the head holds
   * the queue up), the queue is compacted. */
  #waiting = 0;
  #timer: TimerHandle | undefined;

  constructor(private readonly core: Core) {}

  add(expire: () => void): Pending {
    const pending = { deadline: this.core.clock.now() + this.core.options.invokeTimeoutMs, expire };
    this.#waiting++;
    while (this.#head < this.#queue.length && this.#queue[this.#head]!.expire === undefined) this.#head++;
    this.#compact();
    this.#queue.push(pending);
    if (!this.#timer) this.#arm();
    return pending;
  }

  /** The run answered (or timed out): its deadline no longer matters. */
  done(pending: Pending): void {
    if (pending.expire === undefined) return;
    pending.expire = undefined;
    this.#waiting--;
  }

  /** Keeps the queue within a constant factor of the runs still waiting. */
  #compact(): void {
    if (this.#queue.length < 2 * this.#waiting + 1024) return;
    this.#queue = this.#queue.slice(this.#head).filter((p) => p.expire !== undefined);
    this.#head = 0;
  }

  /** Expires what is due, drops what answered, and sets the timer for the oldest one left. */
  #arm(): void {
    this.#timer = undefined;
    const now = this.core.clock.now();
    while (this.#head < this.#queue.length) {
      const first = this.#queue[this.#head]!;
      if (first.expire !== undefined && first.deadline > now) break;
      this.#head++;
      const expire = first.expire;
      this.done(first);
      expire?.();
    }
    this.#compact();
    const oldest = this.#queue[this.#head];
    if (!oldest) return;
    this.#timer = this.core.clock.setTimer(oldest.deadline - now, () => this.#arm(), { keepAlive: false });
  }
}

const deadlines = new WeakMap<Core, Deadlines>();

export function invoke(core: Core, endpoint: string, request: RunRequest): Promise<RunResponse> {
  const { invoker, invokeTimeoutMs } = core.options;
  let queue = deadlines.get(core);
  if (!queue) deadlines.set(core, (queue = new Deadlines(core)));
  return new Promise((resolve, reject) => {
    const pending = queue.add(() => reject(new InvokeTimeoutError(`no response within ${invokeTimeoutMs} ms`)));
    let answer: Promise<RunResponse>;
    try {
      answer = invoker(endpoint, request);
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (response) => {
        queue.done(pending);
        resolve(response);
      },
      (error: unknown) => {
        queue.done(pending);
        reject(error);
      },
    );
  });
}
