// Hand-written "functions" that implement the protocol directly, as an Invoker: what the engine
// does for real code, reduced to the moves the scheduler must handle (fan-out, retries, tail
// calls, sleeps, events). They count their runs so tests can check at-least-once delivery.
import type { JsonValue } from "@bufbuild/protobuf";
import type { RunRequest, RunResponse } from "../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import type { Invoker } from "../../runtime/scheduler/options.js";
import { eventWaitInput, sleepInput, SLEEP_FUNCTION, WAIT_FOR_EVENT_FUNCTION } from "../../runtime/scheduler/reserved.js";
import { call, failure, inputOf, ok, poll, resultsOf, show, stateOf, Status, tail } from "./protocol.js";

export type Handler = (request: RunRequest) => RunResponse | Promise<RunResponse>;

export class FakeEndpoint {
  /** Every RunRequest received, in order. */
  readonly requests: RunRequest[] = [];
  readonly #handlers: Record<string, Handler>;

  constructor(extra: Record<string, Handler> = {}) {
    this.#handlers = { ...standardFunctions(), ...extra };
  }

  readonly invoker: Invoker = async (_endpoint, request) => {
    this.requests.push(request);
    const handler = this.#handlers[request.function];
    if (!handler) return failure(Status.NOT_FOUND, "NotFoundError", `function '${request.function}' does not exist`);
    return handler(request);
  };

  runs(fn: string, id?: string): RunRequest[] {
    return this.requests.filter((r) => r.function === fn && (id === undefined || r.dispatchId === id));
  }
}

/** Runs per dispatch id of stateful fakes ("flaky" fails its first two runs). */
const attempts = new Map<string, number>();

export function standardFunctions(): Record<string, Handler> {
  return {
    // child(n) = n * 10
    child: (r) => ok((inputOf(r) as number) * 10),
    // parent([a, b]) = child(a) + child(b), both dispatched in one Poll
    parent: (r) => {
      const state = stateOf<{ n: number }>(r);
      if (!state) {
        const [a, b] = inputOf(r) as [number, number];
        return poll({ n: 2 }, [call("child", a, 1n), call("child", b, 2n)]);
      }
      return ok(resultsOf(r).reduce((sum, x) => sum + (show(x) as number), 0));
    },
    // Fails with TEMPORARY_ERROR on its first two runs, then returns "ok".
    flaky: (r) => {
      const n = (attempts.get(r.dispatchId) ?? 0) + 1;
      attempts.set(r.dispatchId, n);
      return n <= 2 ? failure(Status.TEMPORARY_ERROR, "TemporaryError", `flaky run ${n}`) : ok("ok");
    },
    throttled: () => failure(Status.THROTTLED, "ThrottledError", "slow down"),
    broken: () => failure(Status.PERMANENT_ERROR, "ValueError", "bad input"),
    // Replaces itself with child(input).
    tailing: (r) => tail(call("child", inputOf(r)!)),
    // Sleeps for input ms, then says "woke".
    sleeper: (r) => (stateOf(r) ? ok("woke") : poll({}, [call(SLEEP_FUNCTION, sleepInput(inputOf(r) as number), 1n)], { maxWaitMs: 1e9 })),
    // Waits for the event {key, timeoutMs?} and returns what it got.
    waiter: (r) => {
      if (stateOf(r)) return ok(show(resultsOf(r)[0]!) ?? null);
      const wait = inputOf(r) as { key: string; timeoutMs?: number };
      return poll({}, [call(WAIT_FOR_EVENT_FUNCTION, eventWaitInput(wait), 1n)], { maxWaitMs: 1e9 });
    },
    // Polls on three children with max_results 1; returns the results in the order it saw them.
    collector: (r) => {
      const seen = stateOf<JsonValue[]>(r);
      if (!seen) return poll([], [1, 2, 3].map((n) => call("child", n, BigInt(n))), { min: 1, max: 1 });
      const all = [...seen, ...resultsOf(r).map((x) => [Number(x.correlationId), show(x)!] as JsonValue)];
      return all.length === 3 ? ok(all) : poll(all, [], { min: 1, max: 1 });
    },
  };
}
