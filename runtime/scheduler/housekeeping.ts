// Retention: finished calls older than retentionMs and events nobody waited for older than
// eventRetentionMs are deleted, in batches so that one clean-up never holds the store for long.
import type { Core } from "./core.js";

const BATCH = 500;
/** At most this many batches per clean-up; the next one continues. */
const MAX_BATCHES = 100;

export async function runHousekeeping(core: Core): Promise<{ calls: number; events: number }> {
  const now = core.clock.now();
  const { retentionMs, eventRetentionMs } = core.options;
  let calls = 0;
  let events = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await core.store.deleteFinished(now - retentionMs, BATCH);
    calls += n;
    if (n < BATCH) break;
  }
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await core.store.deleteEvents(now - eventRetentionMs, BATCH);
    events += n;
    if (n < BATCH) break;
  }
  core.emitter.emit("housekeeping:done", { calls, events });
  return { calls, events };
}
