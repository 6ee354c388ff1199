// Running one claimed call to the end of its attempt. Reserved calls and expired calls are
// resolved here without a RunRequest; everything else goes to the Invoker, and its answer (or its
// failure) becomes a RunOutcome that applyOutcome writes to the store.
import { decodeAny } from "./any-bytes.js";
import { applyOutcome, complete } from "./apply-outcome.js";
import type { Core } from "./core.js";
import { interpretResponse, transportFailure, type RunOutcome } from "./interpret-response.js";
import { invoke } from "./invoke.js";
import { decodeEventWait } from "./reserved.js";
import { EMPTY_RESULT, errorResult } from "./results.js";
import { buildRunRequest } from "./run-request.js";
import type { ClaimedCall } from "./store/types.js";

export async function executeCall(core: Core, claimed: ClaimedCall): Promise<void> {
  const { call } = claimed;
  const now = core.clock.now();
  if (call.expiresAt !== undefined && now >= call.expiresAt) {
    const expired = new Date(call.expiresAt).toISOString();
    return complete(core, call, "failed", errorResult("TimeoutError", `cannot run call ${call.id} (${call.function}): it expired at ${expired}`));
  }
  if (call.kind === "sleep") return complete(core, call, "succeeded", EMPTY_RESULT);
  if (call.kind === "event") {
    const wait = decodeEventWait(decodeAny(call.input));
    const key = JSON.stringify(call.eventKey);
    const after = wait.ok && wait.value.timeoutMs !== undefined ? ` after ${wait.value.timeoutMs} ms` : "";
    return complete(core, call, "failed", errorResult("TimeoutError", `cannot wait for event ${key}: timed out${after}`));
  }
  const resume = call.state !== undefined;
  // Payloads are built only for listeners: this runs once per call.
  const { emitter } = core;
  if (resume && emitter.has("call:resume")) emitter.emit("call:resume", { id: call.id, function: call.function, results: claimed.results.length });
  if (emitter.has("call:start")) emitter.emit("call:start", { id: call.id, function: call.function, attempt: call.attempt, resume });
  let outcome: RunOutcome;
  try {
    const response = await invoke(core, call.endpoint, buildRunRequest(claimed));
    outcome = interpretResponse(response, call);
  } catch (error) {
    outcome = transportFailure(error);
  }
  const limit = core.limits.record(call.function, outcome.status);
  // The limit grows by one per success up to its ceiling: most runs change it; few have a listener.
  if (limit !== undefined && emitter.has("concurrency:change")) emitter.emit("concurrency:change", { function: call.function, limit });
  await applyOutcome(core, claimed, outcome);
}
