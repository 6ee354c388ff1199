// Child process of cancel.test.ts: runs the transformed programs of programs/cancel.ts on a
// scheduler over a real SQLite store with the in-process engine, and prints what happened as JSON.
import { Engine } from "dispatch-ts";
import { Scheduler, openSqliteStore } from "../../dist/runtime/scheduler/index.js";
import { callMessage } from "../../dist/runtime/api/call-message.js";
import { fromAny } from "../../dist/runtime/values/index.js";
import { valueCodec } from "../../dist/runtime/engine/value-codec.js";
import { randomBytes } from "node:crypto";

const [modulePath, dir] = process.argv.slice(2);
const app = await import(modulePath);
const store = await openSqliteStore({ folder: dir });
let scheduler;
const engine = new Engine({ stateKey: new Uint8Array(randomBytes(32)), dispatchDetached: (calls) => scheduler.dispatch(calls) });
scheduler = new Scheduler({ store, invoker: (_endpoint, req) => engine.run(req) });
await scheduler.start();

const show = (r) => (r.error ? `${r.error.type}: ${r.error.message}` : fromAny(r.output, valueCodec));
/** Every call below `id`, as "function: status", in dispatch order. */
async function tree(id) {
  const out = [];
  const children = await store.listCalls({ parentId: id, rootsOnly: false, limit: 100 });
  for (const c of [...children].reverse()) out.push(`${c.function}: ${c.status}`, ...(await tree(c.id)).map((l) => `  ${l}`));
  return out;
}

const out = {};
{
  const [id] = await scheduler.dispatch([callMessage(app.racer())]);
  const result = show(await scheduler.result(id));
  await scheduler.idle();
  out.race = { result, status: (await scheduler.get(id)).status, tree: await tree(id) };
}
/** Starts `call`, cancels it once the wait of `waiting` below it began, and reports. */
async function cancelled(call, waiting) {
  const [id] = await scheduler.dispatch([callMessage(call)]);
  await scheduler.next("call:dispatched", (e) => e.rootId === id && e.function === waiting);
  await scheduler.idle();
  const firstCancel = await scheduler.cancel(id);
  const result = show(await scheduler.result(id));
  await scheduler.idle();
  return { cancel: firstCancel, result, status: (await scheduler.get(id)).status, tree: await tree(id) };
}
out.booking = await cancelled(app.booking("b1"), "dispatch_ts.sleep");
out.approval = await cancelled(app.approval("a1"), "dispatch_ts.wait_for_event");
out.trip = await cancelled(app.trip("t1"), "dispatch_ts.sleep");
out.ledger = app.ledger;
await scheduler.close();
await store.close();
process.stdout.write(JSON.stringify(out));
