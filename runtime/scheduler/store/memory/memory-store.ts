// The memory store: the Store interface over MemoryData, for tests and for runs that need no
// durability. Nothing survives the process; "crash recovery" means reusing the same instance.
import type { OutcomeBatch, Store } from "../types.js";
import { cancelCalls } from "./cancel-calls.js";
import { claimRunnable } from "./claim-runnable.js";
import { completeCalls } from "./complete-calls.js";
import { MemoryData } from "./data.js";
import { deleteEvents, deleteFinished } from "./delete-finished.js";
import { insertCalls } from "./insert-calls.js";
import { getCall, listCalls, nextReadyAt } from "./read-calls.js";
import { recordPolls } from "./record-polls.js";
import { requeueRunning } from "./requeue-running.js";
import { rescheduleCalls } from "./reschedule-calls.js";
import { sendEvent } from "./send-event.js";
import { writeOutcomesWith } from "../write-outcomes.js";

export function createMemoryStore(): Store {
  const data = new MemoryData();
  let closed = false;
  // Async like every store, so that the core cannot come to rely on synchronous writes.
  const op =
    <A extends unknown[], R>(fn: (data: MemoryData, ...args: A) => R) =>
    async (...args: A): Promise<R> => {
      if (closed) throw new Error("cannot use memory store: it is closed");
      return fn(data, ...args);
    };
  return {
    insertCalls: op(insertCalls),
    claimRunnable: op(claimRunnable),
    completeCalls: op(completeCalls),
    recordPolls: op(recordPolls),
    rescheduleCalls: op(rescheduleCalls),
    writeOutcomes: op(
      (d: MemoryData, batch: OutcomeBatch, now: number) =>
        writeOutcomesWith({
          completeCalls: (list, at) => completeCalls(d, list, at),
          recordPolls: (list, at) => recordPolls(d, list, at),
          rescheduleCalls: (list, at) => rescheduleCalls(d, list, at),
          claimRunnable: (request) => claimRunnable(d, request),
        })(batch, now),
    ),
    cancelCalls: op(cancelCalls),
    sendEvent: op(sendEvent),
    requeueRunning: op(requeueRunning),
    getCall: op(getCall),
    listCalls: op(listCalls),
    nextReadyAt: op(nextReadyAt),
    deleteFinished: op(deleteFinished),
    deleteEvents: op(deleteEvents),
    commit: op(() => undefined),
    close: async () => {
      closed = true;
    },
  };
}
