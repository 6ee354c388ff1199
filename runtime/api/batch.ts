// dispatch.batch(): several calls dispatched atomically (DispatchService.Dispatch
// accepts all or none), detached from the caller; returns their ids in order.
import type { DurableFunction } from "./function.js";
import { LazyCall, runner } from "./runner.js";

export class Batch {
  private readonly calls: LazyCall<unknown>[] = [];

  add<A extends unknown[], R>(fn: DurableFunction<A, R>, ...args: A): this {
    this.calls.push(new LazyCall({ function: fn.wireName }, args));
    return this;
  }

  async dispatch(): Promise<string[]> {
    if (this.calls.length === 0) return [];
    return runner().dispatchAll(this.calls);
  }
}

export function batch(): Batch {
  return new Batch();
}
