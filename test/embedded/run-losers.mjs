// Child process of losers.test.ts: runs the transformed programs of programs/losers.ts with
// dispatch.run, on the file store and in memory, and prints what happened as JSON: each run's
// result, the ledger as it was when dispatch.run returned, and (file store) the call tree.
import * as dispatch from "dispatch-ts";
import { openSqliteStore } from "../../dist/runtime/scheduler/index.js";

const [modulePath, dir] = process.argv.slice(2);
const app = await import(modulePath);

/** Every call below `id`, as "function: status", in dispatch order. */
async function tree(store, id) {
  const out = [];
  const children = await store.listCalls({ parentId: id, rootsOnly: false, limit: 100 });
  for (const c of [...children].reverse()) out.push(`${c.function}: ${c.status}`, ...(await tree(store, c.id)).map((l) => `  ${l}`));
  return out;
}

const out = {};
for (const [name, runner] of [
  ["file", new dispatch.EmbeddedRunner({ dir, report: false })],
  ["memory", new dispatch.EmbeddedRunner({ memory: true })],
]) {
  dispatch.setRunner(runner);
  const runs = {};
  for (const [scenario, call] of [
    ["return", app.raceAndReturn(`${name}-a`)],
    ["goOn", app.raceAndGoOn(`${name}-b`)],
  ]) {
    app.ledger.length = 0;
    const result = await dispatch.run(call);
    runs[scenario] = { result, ledger: [...app.ledger] };
  }
  out[name] = runs;
}
// The runner closed its store when its last run ended: read the trees from the file.
const store = await openSqliteStore({ folder: dir });
const roots = await store.listCalls({ limit: 10 });
out.trees = Object.fromEntries(await Promise.all(roots.map(async (r) => [r.function, { status: r.status, tree: await tree(store, r.id) }])));
await store.close();
process.stdout.write(JSON.stringify(out));
