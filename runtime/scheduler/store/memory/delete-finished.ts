// Retention: finished calls and unclaimed events past their age are deleted in bounded batches.
// A deleted root frees its idempotency key (running the same root again starts a new call).
import { isTerminal } from "../types.js";
import type { MemoryData } from "./data.js";

export function deleteFinished(data: MemoryData, before: number, limit: number): number {
  let count = 0;
  for (const row of data.calls.values()) {
    if (count >= limit) break;
    if (!isTerminal(row.status) || row.finishedAt === undefined || row.finishedAt >= before) continue;
    data.forget(row);
    count++;
  }
  return count;
}

export function deleteEvents(data: MemoryData, before: number, limit: number): number {
  return data.dropEvents(before, limit).length;
}
