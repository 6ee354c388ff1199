// claimRunnable: the calls whose ready time has come, oldest first, within each function's
// capacity. A claimed call is "running" with its attempt incremented; a call with a state is a
// resume and takes up to max_results inbox results (or keeps the ones its failed attempt took).
import { resumeBatchSize } from "../../poll-accounting.js";
import type { ClaimedCall, ClaimRequest, InboxEntry } from "../types.js";
import { snapshot, type MemoryData, type Row } from "./data.js";

export function claimRunnable(data: MemoryData, request: ClaimRequest): ClaimedCall[] {
  const used = new Map<string, number>();
  const claimed: ClaimedCall[] = [];
  const capacity = (fn: string) => request.capacity[fn] ?? request.defaultCapacity;
  const hasRoom = (fn: string) => (used.get(fn) ?? 0) < capacity(fn);
  while (claimed.length < request.limit) {
    const entry = data.ready.popDue(request.now, hasRoom);
    if (entry === undefined) break;
    const row: Row = data.calls.get(entry.id)!;
    used.set(row.function, (used.get(row.function) ?? 0) + 1);
    const results = row.state === undefined ? [] : takeBatch(data, row);
    data.setStatus(row, "running");
    data.setReadyAt(row, undefined);
    row.attempt += 1;
    row.runs += 1;
    claimed.push({ call: snapshot(row), results });
  }
  return claimed;
}

function takeBatch(data: MemoryData, row: Row): InboxEntry[] {
  let taken = (data.inbox.get(row.id) ?? []).filter((r) => r.taken);
  if (taken.length === 0) taken = data.take(row.id, resumeBatchSize(data.pendingCount(row.id), row.maxResults));
  return taken.map(({ childId, correlationId, result }) => ({ childId, correlationId, result }));
}
