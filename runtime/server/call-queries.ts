// Reading calls for people: the list of `dispatch-ts calls` and the details of
// `dispatch-ts show`. Served by the scheduler server's admin routes, and run
// by the CLI itself over the store when no server holds the folder, so both
// paths print the same thing.
import { toCallInfo } from "../scheduler/call-info.js";
import type { CallStatus, Store } from "../scheduler/store/types.js";
import { callView, type CallDetails, type CallView } from "./call-view.js";
import type { RetryLog } from "./retry-log.js";

export interface ListFilter {
  status?: CallStatus;
  /** At most this many calls (default 100). */
  limit?: number;
  /** Children too, not only root calls. */
  all?: boolean;
}

export interface CallQueries {
  /** Newest first. */
  list(filter?: ListFilter): Promise<CallView[]>;
  details(id: string): Promise<CallDetails | undefined>;
  /** The suspended state of a waiting call (sealed bytes, as the endpoint wrote them). */
  state(id: string): Promise<Uint8Array | undefined>;
}

export const CALL_STATUSES: readonly CallStatus[] = ["queued", "running", "waiting", "succeeded", "failed", "cancelled"];

export function storeQueries(store: Store, retries?: RetryLog, now: () => number = Date.now): CallQueries {
  return {
    async list(filter = {}) {
      const records = await store.listCalls({
        limit: filter.limit ?? 100,
        rootsOnly: !filter.all,
        ...(filter.status !== undefined ? { status: filter.status } : {}),
      });
      const t = now();
      // Newest first by creation (stores order by their own row order, which updates may change).
      return [...records].sort((a, b) => b.createdAt - a.createdAt).map((r) => callView(toCallInfo(r), t));
    },
    async details(id) {
      const record = await store.getCall(id);
      if (record === undefined) return undefined;
      const t = now();
      const children = await store.listCalls({ parentId: id, rootsOnly: false, limit: 1000 });
      // In the order the parent made them.
      const ordered = [...children].sort((a, b) => (a.correlationId < b.correlationId ? -1 : a.correlationId > b.correlationId ? 1 : 0));
      const view: CallDetails = { ...callView(toCallInfo(record), t), children: ordered.map((c) => callView(toCallInfo(c), t)) };
      if (record.state !== undefined && record.status === "waiting") view.stateBytes = record.state.length;
      const retry = retries?.get(id);
      if (view.error !== undefined) view.lastError = { ...view.error, ...(view.finishedAt ? { at: view.finishedAt } : {}) };
      else if (retry !== undefined) view.lastError = { message: retry.message, status: retry.status, attempt: retry.attempt, at: retry.at };
      return view;
    },
    async state(id) {
      const record = await store.getCall(id);
      return record?.status === "waiting" && !record.stateTyped ? record.state : undefined;
    },
  };
}
