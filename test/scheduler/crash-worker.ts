// The process the crash test kills: it dispatches the workload on a SQLite store and reports
// progress on stdout ("ids ...", then one "done <function>" line per finished call) until it is
// killed with SIGKILL. Run with `node --import tsx` (Node 20 cannot run TypeScript by itself).
import { join } from "node:path";
import { createScheduler } from "../../runtime/scheduler/scheduler.js";
import { openSqliteStore } from "../../runtime/scheduler/store/sqlite/index.js";
import { crashInvoker, WORKFLOW_FUNCTIONS } from "./crash-functions.js";
import { call } from "./protocol.js";

const [folder, workflows] = process.argv.slice(2) as [string, string];
const store = await openSqliteStore({ folder });
const scheduler = await createScheduler({
  store,
  invoker: crashInvoker(join(folder, "ledger.txt"), 5),
  concurrency: { initial: 8, ceiling: 8 },
});
scheduler.on("call:done", (e) => process.stdout.write(`done ${e.function}\n`));
const calls = Array.from({ length: Number(workflows) }, (_, i) => call(WORKFLOW_FUNCTIONS[i % 3]!, i));
const ids = await scheduler.dispatch(calls, { idempotencyKeys: calls.map((_, i) => `workflow-${i}`) });
process.stdout.write(`ids ${ids.join(",")}\n`);
