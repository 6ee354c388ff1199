// requeueRunning: after a crash nothing is running any more; every call the previous process had
// claimed runs again (at-least-once delivery). Attempts are not rolled back: a crash counts.
import type { MemoryData } from "./data.js";

export function requeueRunning(data: MemoryData, now: number): number {
  let count = 0;
  for (const row of data.calls.values()) {
    if (row.status !== "running") continue;
    data.setStatus(row, "queued");
    data.setReadyAt(row, now);
    count++;
  }
  return count;
}
