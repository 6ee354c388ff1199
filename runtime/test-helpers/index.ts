// dispatch-ts/test: run durable functions in your own tests (vitest, with the
// Vite plugin dispatch-ts/vite) against an in-memory scheduler with real
// retries, and inject failures to see your code recover.
//
//   const t = useTestScheduler({ failures: { charge: 2 } }); // charge fails twice, then runs
//   expect(await dispatch.run(checkout(cart))).toEqual(...);
//   expect(t.runs("charge")).toBe(3);
//   await t.restore();
import { create } from "@bufbuild/protobuf";
import { EmbeddedRunner } from "../embedded/embedded-runner.js";
import { setRunner } from "../api/runner.js";
import { CallResultSchema, ErrorSchema, ExitSchema, RunResponseSchema, Status } from "../proto/messages.js";

export interface TestSchedulerOptions {
  /** Function (wire name) -> how many of its first runs fail with `status` before it runs for real. */
  failures: Record<string, number>;
  /** The status of injected failures (default TEMPORARY_ERROR, which the scheduler retries). */
  status: Status;
  /** First retry delay in ms (default 1: tests should not wait for backoff). */
  retryDelayMs: number;
}

export interface TestScheduler {
  readonly runner: EmbeddedRunner;
  /** How many RunRequests reached (or were failed for) this function. */
  runs(fn: string): number;
  /** Closes the scheduler and restores the previous runner. */
  restore(): Promise<void>;
}

export function useTestScheduler(options: Partial<TestSchedulerOptions> = {}): TestScheduler {
  const failures = { ...options.failures };
  const status = options.status ?? Status.TEMPORARY_ERROR;
  const counts = new Map<string, number>();
  const runner = new EmbeddedRunner({
    memory: true,
    idempotent: false,
    scheduler: { retry: { initialDelayMs: options.retryDelayMs ?? 1, maxDelayMs: 50 } },
    wrapInvoker: (invoke) => async (endpoint, req) => {
      const n = (counts.get(req.function) ?? 0) + 1;
      counts.set(req.function, n);
      if (req.directive.case === "input" && (failures[req.function] ?? 0) > 0) {
        failures[req.function]!--;
        const error = create(ErrorSchema, { type: "InjectedFailure", message: `injected failure of ${req.function} (run ${n})` });
        return create(RunResponseSchema, { status, directive: { case: "exit", value: create(ExitSchema, { result: create(CallResultSchema, { error }) }) } });
      }
      return invoke(endpoint, req);
    },
  });
  setRunner(runner);
  return {
    runner,
    runs: (fn) => counts.get(fn) ?? 0,
    async restore() {
      await runner.stop();
      setRunner(undefined);
    },
  };
}
