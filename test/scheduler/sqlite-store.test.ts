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

  it("forgets the deliveries of an operation that rolled back", async () => {
    // A parent waits for one result; an insert matches a kept event for its child (a delivery,
    // counted at the end of the operation), then fails on a duplicate id and rolls back.
    const store = await openSqliteStore({ folder });
    const parent = newCall();
    await store.insertCalls([parent], parent.createdAt);
    const [claimed] = await store.claimRunnable({ now: parent.createdAt, limit: 1, capacity: {}, defaultCapacity: 1 });
    const deadline = parent.createdAt + 60_000;
    const poll = { id: parent.id, attempt: claimed!.call.attempt, state: new Uint8Array([1]), stateTyped: false, minResults: 1, maxResults: 1, deadline };
    await store.recordPolls([{ ...poll, children: [], cancel: [], cancelled: {} }], parent.createdAt);
    expect(await store.sendEvent("k", new Uint8Array([2]), parent.createdAt)).toMatchObject({ stored: true });
    const waiter = newCall({ kind: "event", eventKey: "k", parentId: parent.id, rootId: parent.id, correlationId: 1n, readyAt: undefined });
    await expect(store.insertCalls([waiter, newCall({ id: parent.id })], parent.createdAt + 1)).rejects.toThrow(/UNIQUE/);
    // Nothing of it remains: the parent is not ready and the event is still kept.
    expect(await store.claimRunnable({ now: parent.createdAt + 2, limit: 10, capacity: {}, defaultCapacity: 10 })).toEqual([]);
    expect(await store.getCall(parent.id)).toMatchObject({ status: "waiting", readyAt: deadline });
    expect(await store.getCall(waiter.id)).toBeUndefined();
    expect(await store.sendEvent("k", new Uint8Array([3]), parent.createdAt + 3)).toMatchObject({ stored: true });
    await store.close();
  });

  it("upgrades a version 1 file: its calls stay, and they can be cancelled with compensation", async () => {
    let store = await openSqliteStore({ folder });
    const call = newCall();
    await store.insertCalls([call], call.createdAt);
    await store.close();
    const db = new Database(join(folder, SQLITE_FILE_NAME));
    db.exec("DROP INDEX calls_cancelling");
    db.exec("ALTER TABLE calls DROP COLUMN cancelling");
    db.exec("ALTER TABLE calls DROP COLUMN runs");
    db.pragma("user_version = 1");
    db.close();
    store = await openSqliteStore({ folder });
    expect(await store.getCall(call.id)).toMatchObject({ id: call.id, status: "queued" });
    expect(await store.cancelCalls([call.id], {}, call.createdAt + 1)).toMatchObject({ applied: [true] });
    expect((await store.getCall(call.id))!.status).toBe("cancelled");
    await store.close();
  });

  it("upgrades a version 2 file: each call's runs start as its steps plus the attempts of its current step", async () => {
    let store = await openSqliteStore({ folder });
    const call = newCall();
    await store.insertCalls([call], call.createdAt);
    const [run] = await store.claimRunnable({ now: call.createdAt, limit: 1, capacity: {}, defaultCapacity: 1 });
    expect(run!.call).toMatchObject({ attempt: 1, runs: 1 });
    await store.recordPolls(
      [{ id: call.id, attempt: 1, state: new Uint8Array([1]), stateTyped: false, minResults: 1, maxResults: 1, deadline: call.createdAt + 60_000, children: [], cancel: [], cancelled: {} }],
      call.createdAt + 1,
    );
    expect(await store.getCall(call.id)).toMatchObject({ status: "waiting", attempt: 0, step: 1, runs: 1 });
    await store.close();
    const db = new Database(join(folder, SQLITE_FILE_NAME));
    db.exec("DROP INDEX calls_cancelling");
    db.exec("ALTER TABLE calls DROP COLUMN runs");
    db.pragma("user_version = 2");
    db.close();
    store = await openSqliteStore({ folder });
    expect(await store.getCall(call.id)).toMatchObject({ status: "waiting", step: 1, runs: 1 });
    expect(await store.listCalls({ cancelling: true, rootsOnly: false, limit: 10 })).toEqual([]);
    await store.close();
  });

  it("keeps a cancellation in progress across a restart", async () => {
    let store = await openSqliteStore({ folder });
    const call = newCall();
    await store.insertCalls([call], call.createdAt);
    await store.claimRunnable({ now: call.createdAt, limit: 1, capacity: {}, defaultCapacity: 1 });
    await store.cancelCalls([call.id], { error: new Uint8Array([9]) }, call.createdAt + 1);
    await store.close();
    store = await openSqliteStore({ folder });
    expect(await store.requeueRunning(call.createdAt + 2)).toBe(1);
    expect(await store.getCall(call.id)).toMatchObject({ status: "queued", cancelling: "requested" });
    await store.close();
  });

  it("refuses a file written by a newer schema", async () => {
    const db = new Database(join(folder, SQLITE_FILE_NAME));
    db.pragma("user_version = 99");
    db.close();
    const message = `cannot open store "${join(folder, SQLITE_FILE_NAME)}": schema version 99 is newer than 3`;
    await expect(openSqliteStore({ folder })).rejects.toThrow(message);
    // The failed open released its lock: the same error again, not "in use".
    await expect(openSqliteStore({ folder })).rejects.toThrow(message);
  });
});
