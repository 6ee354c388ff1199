// Where `calls`, `show`, `cancel` and `send-event` read and write: the scheduler server that holds the
// folder (found through its server.json), else the folder's store opened
// directly. A folder held by another process that serves no admin routes (an
// application's embedded scheduler that serves no admin routes) fails with the lock's message.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { openSqliteStore, SQLITE_FILE_NAME } from "../scheduler/store/index.js";
import { isSchedulerError } from "../scheduler/errors.js";
import { CANCELLED_RESULT } from "../scheduler/results.js";
import { AdminClient } from "../server/admin-client.js";
import { storeQueries, type CallQueries } from "../server/call-queries.js";
import { readServerFile } from "../server/server-file.js";
import { CliError } from "./cli-error.js";
import { toAny } from "../values/index.js";
import { valueCodec } from "../engine/value-codec.js";
import { encodeAny } from "../scheduler/any-bytes.js";

export interface CallSource {
  queries: CallQueries;
  /** Cancels a call and its subtree with compensation (Scheduler.cancel); false if unknown or finished. */
  cancel(id: string): Promise<boolean>;
  /** Delivers a JSON payload to the oldest call waiting on `key`, or keeps it for the first that will. */
  sendEvent(key: string, payload: unknown): Promise<{ delivered: boolean }>;
  /** True when a running scheduler server reads and writes the folder (else: the store itself). */
  live: boolean;
  close(): Promise<void>;
}

export async function openCalls(dir: string, action: string): Promise<CallSource> {
  const folder = resolve(dir);
  const server = readServerFile(folder);
  if (server !== undefined) {
    const client = new AdminClient(server);
    return {
      queries: client,
      cancel: (id) => client.cancel(id),
      sendEvent: (key, payload) => client.sendEvent(key, payload),
      live: true,
      close: async () => undefined,
    };
  }
  if (!existsSync(join(folder, SQLITE_FILE_NAME))) {
    throw new CliError(`cannot ${action}: no store in ${folder}; start a scheduler with dispatch-ts serve --dir ${dir}, or pass --dir`);
  }
  try {
    const store = await openSqliteStore({ folder });
    // Written to the store as the scheduler writes it: the next scheduler on the folder resumes
    // the compensations (the mark and the ready CancelledErrors are durable).
    const cancel = async (id: string) => (await store.cancelCalls([id], CANCELLED_RESULT, Date.now())).applied[0] === true;
    const sendEvent = async (key: string, payload: unknown) => {
      const outcome = await store.sendEvent(key, encodeAny(toAny(payload, valueCodec)), Date.now());
      return { delivered: !outcome.stored };
    };
    return { queries: storeQueries(store), cancel, sendEvent, live: false, close: () => store.close() };
  } catch (error) {
    if (isSchedulerError(error)) throw new CliError(`cannot ${action}: ${error.message}`);
    throw error;
  }
}
