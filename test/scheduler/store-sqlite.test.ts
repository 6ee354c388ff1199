import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../runtime/scheduler/store/sqlite/index.js";
import type { Store } from "../../runtime/scheduler/store/types.js";
import { storeSuite } from "./store-suite.js";

// The file store commits the outcomes of runs in groups (default window) or every operation
// (window 0): the same contract either way.
for (const commitWindowMs of [undefined, 0]) {
  let folder = "";
  storeSuite(
    commitWindowMs === undefined ? "sqlite" : "sqlite, commit window 0",
    async () => {
      folder = mkdtempSync(join(tmpdir(), "dispatch-store-"));
      return openSqliteStore({ folder, ...(commitWindowMs === undefined ? {} : { commitWindowMs }) });
    },
    async () => rmSync(folder, { recursive: true, force: true }),
  );
}

/** The store closed and opened again after every operation: each state the contract sees has gone
 * through the file (a group commit, then the load of a new process), so the file holds exactly
 * what the working copy held. */
function reopenedEachTime(folder: string, first: Store): Store {
  let store = first;
  const wrapped = {} as Record<keyof Store, unknown>;
  for (const name of Object.keys(first) as (keyof Store)[]) {
    wrapped[name] = async (...args: unknown[]) => {
      const result = await (store[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      if (name !== "close") {
        await store.close();
        store = await openSqliteStore({ folder });
      }
      return result;
    };
  }
  return wrapped as unknown as Store;
}

let reopened = "";
storeSuite(
  "sqlite, reopened after every operation",
  async () => {
    reopened = mkdtempSync(join(tmpdir(), "dispatch-store-"));
    return reopenedEachTime(reopened, await openSqliteStore({ folder: reopened }));
  },
  async () => rmSync(reopened, { recursive: true, force: true }),
);
