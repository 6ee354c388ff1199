// What the scheduler checks on every call it accepts (Dispatch, Poll children, tail calls): the
// rules that the upstream .proto files state as buf/validate annotations, which our generated
// code does not enforce, plus the inputs of the reserved functions.
import { durationMs } from "@bufbuild/protobuf/wkt";
import type { Call } from "../gen/dispatch/sdk/v1/call_pb.js";
import { decodeEventWait, decodeSleep, SLEEP_FUNCTION, WAIT_FOR_EVENT_FUNCTION } from "./reserved.js";

export const FUNCTION_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_<>.]*$/;

/** The first thing wrong with a call, or undefined when it can be dispatched. */
export function callProblem(call: Call): string | undefined {
  if (!FUNCTION_PATTERN.test(call.function)) {
    return `function ${JSON.stringify(call.function)} does not match ${FUNCTION_PATTERN.source}`;
  }
  if (call.expiration && durationMs(call.expiration) <= 0) {
    return `expiration must be positive, got ${durationMs(call.expiration)} ms`;
  }
  if (call.function === SLEEP_FUNCTION) {
    const sleep = decodeSleep(call.input);
    if (!sleep.ok) return sleep.problem;
  }
  if (call.function === WAIT_FOR_EVENT_FUNCTION) {
    const wait = decodeEventWait(call.input);
    if (!wait.ok) return wait.problem;
  }
  return undefined;
}
