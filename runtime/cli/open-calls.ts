// Where `calls` and `show` read from: the scheduler server that holds the
// folder (found through its server.json), else the folder's store opened
// directly. A folder held by another process that serves no admin routes (an
// application running the embedded scheduler) fails with the lock's message.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { openSqliteStore, SQLITE_FILE_NAME } from "../scheduler/store/index.js";
import { isSchedulerError } from "../scheduler/errors.js";
import { AdminClient } from "../server/admin-client.js";
import { storeQueries, type CallQueries } from "../server/call-queries.js";
import { readServerFile } from "../server/server-file.js";
import { CliError } from "./cli-error.js";

export interface CallSource {
  queries: CallQueries;
  close(): Promise<void>;
}

export async function openCalls(dir: string, action: string): Promise<CallSource> {
  const folder = resolve(dir);
  const server = readServerFile(folder);
  if (server !== undefined) return { queries: new AdminClient(server), close: async () => undefined };
  if (!existsSync(join(folder, SQLITE_FILE_NAME))) {
    throw new CliError(`cannot ${action}: no store in ${folder}; start a scheduler with dispatch-ts serve --dir ${dir}, or pass --dir`);
  }
  try {
    const store = await openSqliteStore({ folder });
    return { queries: storeQueries(store), close: () => store.close() };
  } catch (error) {
    if (isSchedulerError(error)) throw new CliError(`cannot ${action}: ${error.message}`);
    throw error;
  }
}
