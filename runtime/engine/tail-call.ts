// The value `dispatch.reset(f, ...args)` returns: when a dispatch.function
// returns it, the engine answers Exit with a tail call instead of a result.
import type { CallTarget } from "./durable-call.js";

export class TailCall {
  constructor(
    readonly target: CallTarget,
    readonly args: unknown[],
  ) {}
}
