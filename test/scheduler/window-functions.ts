// The workload of the commit-window test: chains of steps, shared by the process that gets killed
// and the scheduler that finishes after it. Each chain of workflow w runs steps "w.1" .. "w.n" one
// after the other and returns what they returned, in order. Every step run is appended to a
// ledger (synchronously, before it answers) with the number of the process that ran it.
import { appendFileSync } from "node:fs";
import type { Invoker } from "../../runtime/scheduler/options.js";
import { call, inputOf, ok, poll, resultsOf, show, stateOf } from "./protocol.js";

export const STEPS = 6;

export function windowInvoker(ledger: string, run: number, ran?: (id: string, key: string) => void): Invoker {
  return async (_endpoint, r) => {
    if (r.function === "step") {
      const key = inputOf(r) as string;
      appendFileSync(ledger, `${run} ${key}\n`);
      ran?.(r.dispatchId, key);
      await new Promise((resolve) => setTimeout(resolve, 2));
      return ok(`${key} done`);
    }
    // A resume carries no input: the chain keeps its number in its state.
    const state = stateOf<{ w: number; history: string[] }>(r) ?? { w: inputOf(r) as number, history: [] };
    const history = [...state.history, ...resultsOf(r).map((x) => show(x) as string)];
    if (history.length === STEPS) return ok(history);
    return poll({ w: state.w, history }, [call("step", `${state.w}.${history.length + 1}`, BigInt(history.length + 1))], { min: 1, max: 1 });
  };
}

export function expectedHistory(w: number): string[] {
  return Array.from({ length: STEPS }, (_, i) => `${w}.${i + 1} done`);
}
