// The process the commit-window test kills: chains on a file store whose commit window is far
// longer than the test, so the outcomes of runs are committed only when it says so: once, after
// `commitAfter` steps finished. It prints the root ids, "done <step>" per finished step,
// "committing" and "committed" around the commit, then goes on until it is killed.
// Run with `node --import tsx` (Node 20 cannot run TypeScript by itself).
import { join } from "node:path";
import { createScheduler } from "../../runtime/scheduler/scheduler.js";
import { openSqliteStore } from "../../runtime/scheduler/store/sqlite/index.js";
import { call } from "./protocol.js";
import { windowInvoker } from "./window-functions.js";

const [folder, workflows, commitAfter] = process.argv.slice(2) as [string, string, string];
const store = await openSqliteStore({ folder, commitWindowMs: 60_000 });
const keys = new Map<string, string>();
const scheduler = await createScheduler({
  store,
  invoker: windowInvoker(join(folder, "ledger.txt"), 1, (id, key) => keys.set(id, key)),
  concurrency: { initial: 4, ceiling: 4 },
});
let done = 0;
scheduler.on("call:done", (e) => {
  if (e.function !== "step") return;
  process.stdout.write(`done ${keys.get(e.id)}\n`);
  if (++done === Number(commitAfter)) {
    // Every step printed before this line is in the commit; every one printed after "committed"
    // is not (nothing else commits within the window).
    process.stdout.write("committing\n");
    void store.commit().then(() => process.stdout.write("committed\n"));
  }
});
const calls = Array.from({ length: Number(workflows) }, (_, w) => call("chain", w));
const ids = await scheduler.dispatch(calls, { idempotencyKeys: calls.map((_, w) => `chain-${w}`) });
process.stdout.write(`ids ${ids.join(",")}\n`);
