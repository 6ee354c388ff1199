// The workload of the crash test, shared by the child process that gets killed and the scheduler
// that finishes after it. Every run is appended to a ledger file (synchronously, before it
// answers) so the test can count executions per call: at-least-once means some calls that were
// in flight at the kill ran twice, never that a result was recorded twice.
import { appendFileSync } from "node:fs";
import type { JsonValue } from "@bufbuild/protobuf";
import { Status } from "../../runtime/gen/dispatch/sdk/v1/status_pb.js";
import type { Invoker } from "../../runtime/scheduler/options.js";
import { sleepInput, SLEEP_FUNCTION } from "../../runtime/scheduler/reserved.js";
import { call, failure, inputOf, ok, poll, resultsOf, show, stateOf } from "./protocol.js";

export const CHAIN_LENGTH = 5;
/** The workflow functions, in the order workflow i uses them (i % 3). */
export const WORKFLOW_FUNCTIONS = ["fan", "chain", "racer"] as const;

/** Workflows: "fan" fans out to two steps at once, "chain" runs CHAIN_LENGTH steps in sequence.
 * Both return the full history of results they received, so a duplicate delivery shows. "racer"
 * races a step against a "guard" that sleeps for an hour: the step wins, the racer's Exit cancels
 * the guard, which gets a CancelledError at its sleep and compensates with an "undo" step. */
export function crashInvoker(ledger: string, stepDelayMs: number): Invoker {
  return async (_endpoint, r) => {
    appendFileSync(ledger, `${r.function} ${r.dispatchId} ${r.attempt}\n`);
    switch (r.function) {
      case "step":
        await new Promise((resolve) => setTimeout(resolve, stepDelayMs));
        return ok((inputOf(r) as number) * 10);
      case "fan": {
        if (!stateOf(r)) {
          const n = inputOf(r) as number;
          return poll([], [call("step", n, 1n), call("step", n + 1, 2n)]);
        }
        const got = resultsOf(r).map((x) => [Number(x.correlationId), show(x)!] as JsonValue);
        return ok(got.sort());
      }
      case "chain": {
        const history = stateOf<number[]>(r) ?? [];
        const next = [...history, ...resultsOf(r).map((x) => show(x) as number)];
        if (next.length === CHAIN_LENGTH) return ok(next);
        return poll(next, [call("step", next.length + 1, BigInt(next.length + 1))], { min: 1, max: 1 });
      }
      case "racer": {
        if (!stateOf(r)) {
          const n = inputOf(r) as number;
          return poll({}, [call("step", n, 1n), call("guard", n, 2n)], { min: 1, max: 1 });
        }
        const won = ok(resultsOf(r).map((x) => [Number(x.correlationId), show(x)!] as JsonValue));
        if (won.directive.case === "exit") won.directive.value.cancelCorrelationIds = [2n];
        return won;
      }
      case "guard": {
        const stage = stateOf<string>(r);
        if (stage === undefined) return poll("asleep", [call(SLEEP_FUNCTION, sleepInput(3_600_000), 1n)], { maxWaitMs: 1e9 });
        // Resumed with the CancelledError of its sleep: it undoes what it held.
        if (stage === "asleep") return poll("undoing", [call("undo", inputOf(r)!, 2n)]);
        return ok("undone");
      }
      case "undo":
        await new Promise((resolve) => setTimeout(resolve, stepDelayMs));
        return ok(`undid ${inputOf(r) as number}`);
      default:
        return failure(Status.NOT_FOUND, "NotFoundError", `function '${r.function}' does not exist`);
    }
  };
}

export function expectedResult(fn: string, input: number): JsonValue {
  if (fn === "fan") return [[1, input * 10], [2, (input + 1) * 10]];
  if (fn === "racer") return [[1, input * 10]];
  return Array.from({ length: CHAIN_LENGTH }, (_, i) => (i + 1) * 10);
}
