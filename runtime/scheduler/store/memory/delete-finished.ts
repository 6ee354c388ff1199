// Retention: finished calls and unclaimed events past their age are deleted in bounded batches.
// A deleted root frees its idempotency key (running the same root again starts a new call).
import { isTerminal } from "../types.js";
import type { MemoryData } from "./data.js";

export function deleteFinished(data: MemoryData, before: number, limit: number): number {
  let count = 0;
  for (const row of data.calls.values()) {
    if (count >= limit) break;
    if (!isTerminal(row.status) || row.finishedAt === undefined || row.finishedAt >= before) continue;
    data.calls.delete(row.id);
    data.clearInbox(row.id);
    data.children.delete(row.id);
    if (row.parentId !== undefined) data.children.get(row.parentId)?.delete(row.id);
    if (row.idempotencyKey !== undefined) data.byIdempotencyKey.delete(row.idempotencyKey);
    count++;
  }
  return count;
}

export function deleteEvents(data: MemoryData, before: number, limit: number): number {
  let count = 0;
  for (const [key, queue] of data.events) {
    while (count < limit && queue.length > 0 && queue[0]!.sentAt < before) {
      queue.shift();
      count++;
    }
    if (queue.length === 0) data.events.delete(key);
    if (count >= limit) break;
  }
  return count;
}
