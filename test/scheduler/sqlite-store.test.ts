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

  it("refuses a file written by a newer schema", async () => {
    const db = new Database(join(folder, SQLITE_FILE_NAME));
    db.pragma("user_version = 99");
    db.close();
    const message = `cannot open store "${join(folder, SQLITE_FILE_NAME)}": schema version 99 is newer than 1`;
    await expect(openSqliteStore({ folder })).rejects.toThrow(message);
    // The failed open released its lock: the same error again, not "in use".
    await expect(openSqliteStore({ folder })).rejects.toThrow(message);
  });
});
