// Reads: one call, a filtered list (newest first), and the next time something becomes ready.
import type { CallFilter, CallRecord } from "../types.js";
import { snapshot, type MemoryData } from "./data.js";

export function getCall(data: MemoryData, id: string): CallRecord | undefined {
  const row = data.calls.get(id);
  return row && snapshot(row);
}

export function listCalls(data: MemoryData, filter: CallFilter): CallRecord[] {
  const rootsOnly = filter.rootsOnly ?? true;
  const out: CallRecord[] = [];
  const rows = [...data.calls.values()];
  for (let i = rows.length - 1; i >= 0 && out.length < filter.limit; i--) {
    const row = rows[i]!;
    if (rootsOnly && row.parentId !== undefined) continue;
    if (filter.parentId !== undefined && row.parentId !== filter.parentId) continue;
    if (filter.status !== undefined && row.status !== filter.status) continue;
    if (filter.rootId !== undefined && row.rootId !== filter.rootId) continue;
    if (filter.cancelling === true && row.cancelling === undefined) continue;
    out.push(snapshot(row));
  }
  return out;
}

export function nextReadyAt(data: MemoryData, now: number): number | undefined {
  let next: number | undefined;
  for (const { readyAt: at } of data.ready.entries()) {
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}
