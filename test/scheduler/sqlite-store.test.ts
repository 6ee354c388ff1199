import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../runtime/scheduler/store/sqlite/index.js";
import { newCall } from "./store-suite.js";

describe("sqlite store: folder lock, options, reopening", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "dispatch-sqlite-"));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it("refuses a folder this process already uses, naming the folder and the pid", async () => {
    const store = await openSqliteStore({ folder });
    await expect(openSqliteStore({ folder })).rejects.toThrow(
      `cannot open store folder "${folder}": it is in use by process ${process.pid} (this process); close that scheduler first (lock file ${join(folder, "lock")})`,
    );
    await store.close();
    const again = await openSqliteStore({ folder });
    await again.close();
  });

  it("refuses a folder held by another live process and takes it over once that process is gone", async () => {
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      writeFileSync(join(folder, "lock"), `${holder.pid}\n`);
      await expect(openSqliteStore({ folder })).rejects.toThrow(
        `cannot open store folder "${folder}": it is in use by process ${holder.pid}; close that scheduler first (lock file ${join(folder, "lock")})`,
      );
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
    }
    const store = await openSqliteStore({ folder });
    await store.close();
  });

  it("takes over a lock left by a process that died", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid;
    writeFileSync(join(folder, "lock"), `${dead}\n`);
    const store = await openSqliteStore({ folder });
    await store.close();
  });

  it("rejects an unknown synchronous mode", async () => {
    await expect(openSqliteStore({ folder, synchronous: "OFF" as never })).rejects.toThrow(
      `cannot open store folder "${folder}": synchronous must be "NORMAL" or "FULL", got "OFF"`,
    );
  });

  it("keeps what was committed when reopened, in WAL mode, with FULL too", async () => {
    const store = await openSqliteStore({ folder, synchronous: "FULL" });
    const call = newCall();
    await store.insertCalls([call], 1);
    await store.close();
    const db = new Database(join(folder, SQLITE_FILE_NAME), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    const reopened = await openSqliteStore({ folder });
    expect(await reopened.getCall(call.id)).toMatchObject({ id: call.id, status: "queued" });
    await reopened.close();
  });

  it("upgrades a version 1 file: its partial indexes become plain ones, its calls are kept", async () => {
    const store = await openSqliteStore({ folder });
    const call = newCall();
    await store.insertCalls([call], 1);
    await store.close();
    // Version 1 as it was: the same tables with three partial indexes.
    const old = new Database(join(folder, SQLITE_FILE_NAME));
    old.exec(`DROP INDEX calls_ready; CREATE INDEX calls_ready ON calls(ready_at) WHERE ready_at IS NOT NULL;
      DROP INDEX calls_parent; CREATE INDEX calls_parent ON calls(parent_id) WHERE parent_id IS NOT NULL;
      DROP INDEX calls_finished; CREATE INDEX calls_finished ON calls(finished_at) WHERE finished_at IS NOT NULL;`);
    old.pragma("user_version = 1");
    old.close();
    const upgraded = await openSqliteStore({ folder });
    expect(await upgraded.claimRunnable({ now: call.readyAt!, limit: 10, capacity: {}, defaultCapacity: 10 })).toMatchObject([{ call: { id: call.id } }]);
    await upgraded.close();
    const db = new Database(join(folder, SQLITE_FILE_NAME), { readonly: true });
    const indexes = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE name IN ('calls_ready', 'calls_parent', 'calls_finished')").all();
    expect(db.pragma("user_version", { simple: true })).toBe(2);
    db.close();
    expect(indexes.map((i) => i.name).sort()).toEqual(["calls_finished", "calls_parent", "calls_ready"]);
    for (const index of indexes) expect(index.sql).not.toContain("WHERE");
  });

  it("refuses a file written by a newer schema", async () => {
    const db = new Database(join(folder, SQLITE_FILE_NAME));
    db.pragma("user_version = 99");
    db.close();
    const message = `cannot open store "${join(folder, SQLITE_FILE_NAME)}": schema version 99 is newer than 2`;
    await expect(openSqliteStore({ folder })).rejects.toThrow(message);
    // The failed open released its lock: the same error again, not "in use".
    await expect(openSqliteStore({ folder })).rejects.toThrow(message);
  });
});
