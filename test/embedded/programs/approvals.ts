// A durable program run by test/embedded/reach-running-app.test.ts: each approval waits for an
// event sent from outside the process (the CLI, or dispatch.sendEvent in another program).
import * as dispatch from "dispatch-ts";

export const approval = dispatch.function(async function approval(order: string) {
  const decision = await dispatch.waitForEvent<{ by: string; at?: Date } | null>(`approve-${order}`);
  // A Date survives only if the payload travelled through the codec, not as JSON.
  return { order, by: decision?.by ?? null, at: decision?.at instanceof Date ? decision.at.toISOString() : null };
});
