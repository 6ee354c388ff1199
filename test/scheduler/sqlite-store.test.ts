import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../runtime/scheduler/store/sqlite/index.js";
import { newCall } from "./store-suite.js";
import { claimAll, T0 } from "./store-contract-helpers.js";

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
    // A parent waits for one result; an insert would match a kept event for its child (a
    // delivery), but fails on a duplicate id: nothing of it is applied.
    const store = await openSqliteStore({ folder });
    const parent = newCall();
    await store.insertCalls([parent], parent.createdAt);
    const [claimed] = await store.claimRunnable({ now: parent.createdAt, limit: 1, capacity: {}, defaultCapacity: 1 });
    const deadline = parent.createdAt + 60_000;
    const poll = { id: parent.id, attempt: claimed!.call.attempt, state: new Uint8Array([1]), stateTyped: false, minResults: 1, maxResults: 1, deadline };
    await store.recordPolls([{ ...poll, children: [], cancel: [], cancelled: {} }], parent.createdAt);
    expect(await store.sendEvent("k", new Uint8Array([2]), parent.createdAt)).toMatchObject({ stored: true });
    const waiter = newCall({ kind: "event", eventKey: "k", parentId: parent.id, rootId: parent.id, correlationId: 1n, readyAt: undefined });
    await expect(store.insertCalls([waiter, newCall({ id: parent.id })], parent.createdAt + 1)).rejects.toThrow(/cannot insert call .*: the id exists/);
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

  it("upgrades a version 2 file to the version 3 layout: calls, due order, inbox order and keys stay", async () => {
    // The version 2 layout as released (rowid inbox with an index, UNIQUE key column, two indexes
    // for ready and running calls), with a suspended parent whose two results arrived.
    const db = new Database(join(folder, SQLITE_FILE_NAME));
    db.exec(`CREATE TABLE calls (id TEXT PRIMARY KEY, root_id TEXT NOT NULL, parent_id TEXT, correlation_id TEXT NOT NULL,
      idempotency_key TEXT UNIQUE, kind TEXT NOT NULL, endpoint TEXT NOT NULL, function TEXT NOT NULL, version TEXT NOT NULL,
      input BLOB NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER, ready_at INTEGER, event_key TEXT, status TEXT NOT NULL,
      attempt INTEGER NOT NULL DEFAULT 0, step INTEGER NOT NULL DEFAULT 0, generation INTEGER NOT NULL DEFAULT 0,
      parent_generation INTEGER NOT NULL DEFAULT 0, restarts INTEGER NOT NULL DEFAULT 0, state BLOB,
      state_typed INTEGER NOT NULL DEFAULT 0, min_results INTEGER NOT NULL DEFAULT 0, max_results INTEGER NOT NULL DEFAULT 0,
      pending INTEGER NOT NULL DEFAULT 0, output BLOB, error BLOB, finished_at INTEGER, cancelling INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX calls_ready ON calls(ready_at) WHERE ready_at IS NOT NULL;
    CREATE INDEX calls_parent ON calls(parent_id) WHERE parent_id IS NOT NULL;
    CREATE INDEX calls_running ON calls(status) WHERE status = 'running';
    CREATE INDEX calls_waiters ON calls(event_key) WHERE kind = 'event' AND status = 'waiting';
    CREATE INDEX calls_finished ON calls(finished_at) WHERE finished_at IS NOT NULL;
    CREATE TABLE inbox (seq INTEGER PRIMARY KEY, parent_id TEXT NOT NULL, child_id TEXT NOT NULL, correlation_id TEXT NOT NULL,
      output BLOB, error BLOB, taken INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX inbox_parent ON inbox(parent_id, taken);
    CREATE TABLE events (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, payload BLOB NOT NULL, sent_at INTEGER NOT NULL);
    CREATE INDEX events_key ON events(key);
    CREATE INDEX events_sent ON events(sent_at);`);
    const insert = db.prepare(`INSERT INTO calls (id, root_id, parent_id, correlation_id, idempotency_key, kind, endpoint, function,
      version, input, created_at, ready_at, status, state, min_results, max_results, pending) VALUES (?, ?, ?, ?, ?, 'run', 'e', 'f', '', x'', ?, ?, ?, ?, ?, ?, ?)`);
    // Inserted newest first: due calls of one ready time go by insertion order, which must survive.
    insert.run("z-keyed", "z-keyed", null, "0", "key-1", T0, T0, "queued", null, 0, 0, 0);
    insert.run("a-parent", "a-parent", null, "0", null, T0, T0, "waiting", new Uint8Array([1, 2]), 2, 2, 2);
    insert.run("a-child-1", "a-parent", "a-parent", "1", null, T0, null, "succeeded", null, 0, 0, 0);
    insert.run("a-child-2", "a-parent", "a-parent", "2", null, T0, null, "succeeded", null, 0, 0, 0);
    const addInbox = db.prepare("INSERT INTO inbox (seq, parent_id, child_id, correlation_id, output) VALUES (?, 'a-parent', ?, ?, ?)");
    addInbox.run(7, "a-child-2", "2", new Uint8Array([22]));
    addInbox.run(9, "a-child-1", "1", new Uint8Array([11]));
    db.pragma("user_version = 2");
    db.close();

    const store = await openSqliteStore({ folder });
    const claimed = await store.claimRunnable({ now: T0, ...claimAll });
    expect(claimed.map((c) => c.call.id)).toEqual(["z-keyed", "a-parent"]);
    expect(claimed[1]!.results.map((r) => [r.childId, [...r.result.output!]])).toEqual([
      ["a-child-2", [22]],
      ["a-child-1", [11]],
    ]);
    // The key is still unique; calls without one are not constrained by it.
    const again = await store.insertCalls([newCall({ idempotencyKey: "key-1" }), newCall(), newCall()], T0 + 1);
    expect(again.ids[0]).toBe("z-keyed");
    expect(again.inserted).toEqual([false, true, true]);
    // A result delivered after the upgrade comes after the migrated ones.
    const child3 = newCall({ id: "a-child-3", parentId: "a-parent", rootId: "a-parent", correlationId: 3n });
    const poll = { id: "a-parent", attempt: 1, state: new Uint8Array([3]), stateTyped: false, minResults: 1, maxResults: 10 };
    await store.recordPolls([{ ...poll, deadline: T0 + 100, children: [child3], cancel: [], cancelled: {} }], T0 + 2);
    const [child] = await store.claimRunnable({ now: T0 + 2, ...claimAll }).then((c) => c.filter((x) => x.call.id === "a-child-3"));
    await store.completeCalls([{ id: "a-child-3", attempt: child!.call.attempt, status: "succeeded", result: { output: new Uint8Array([33]) } }], T0 + 3);
    const [resumed] = await store.claimRunnable({ now: T0 + 3, ...claimAll });
    expect(resumed!.results.map((r) => r.childId)).toEqual(["a-child-3"]);
    await store.close();
    // The upgraded file has exactly the tables and indexes of a new one.
    const fresh = mkdtempSync(join(tmpdir(), "dispatch-sqlite-"));
    try {
      await (await openSqliteStore({ folder: fresh })).close();
      const schemaOf = (dir: string) => {
        const d = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
        try {
          const rows = d.prepare<[], { sql: string | null }>("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all();
          return rows.map((r) => ({ ...r, sql: r.sql?.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/ \)/g, ")") }));
        } finally {
          d.close();
        }
      };
      expect(schemaOf(folder)).toEqual(schemaOf(fresh));
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
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
