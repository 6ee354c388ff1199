// Exit rules of the upstream definition: `result` is required, also alongside a
// tail_call (which then follows the Call rules).

import type { Exit } from "./messages.js";
import { callProblem } from "./validate-call.js";
import { ValidationError } from "./validation-error.js";

/** Returns the exit when it follows the upstream rules; throws a ValidationError otherwise. */
export function validateExit(exit: Exit): Exit {
  if (exit.result === undefined) {
    throw new ValidationError("exit", "result is required");
  }
  if (exit.tailCall !== undefined) {
    const problem = callProblem(exit.tailCall, "tail_call.");
    if (problem !== undefined) {
      throw new ValidationError("exit", problem);
    }
  }
  return exit;
}
