#!/usr/bin/env node
// One process of a fixture that changes process at every await (the cross-process mode of the
// differential harness, test/differential/fixtures-across-processes.test.ts):
//   node test/support/hop-fixture-step.mjs MODULE DIR start     # import MODULE, call main(log)
//   node test/support/hop-fixture-step.mjs MODULE DIR resume    # decode DIR/state.bin and continue
// The first await that settles in this process ends it: the whole coroutine tree is encoded to
// DIR/state.bin and the process exits, so the next process, which never ran the function, resumes
// from nothing but those bytes. Every line this process adds to DIR/record.jsonl is one of
//   {"event": [...]}                    a value logged by the fixture (described as the oracle does)
//   {"settled": {status, value}}        main settled (return or throw)
//   {"unhandled": "..."}                an unhandled rejection
//   {"proc": {awaits, replayed, hop}}   this process's counters, written last
// `awaits` is the engine's count of awaits that settled here; `replayed` says that this process
// started by finishing the await the previous process hopped at (counted there already); `hop`
// that this process ended by writing a state.
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { stats, registerValue } from "dispatch-ts/internal";
import { encodeValue, decodeValue } from "../../dist/runtime/codec/index.js";
import { settings, testModeHooks } from "../../dist/runtime/engine/settings.js";
import { treeStateHooks, reenter } from "../../dist/runtime/engine/tree-state.js";
import { awaitables } from "../../dist/runtime/engine/awaitables.js";
import { Kernel, KernelState } from "../../dist/runtime/engine/kernel.js";
import { Tree } from "../../dist/runtime/engine/tree.js";
import { context } from "../../dist/runtime/engine/context.js";
import { helperDescriptor } from "../../dist/runtime/engine/helpers.js";
import { describe } from "./run-fixture-native.mjs";

const [modulePath, dir, what] = process.argv.slice(2);
const recordFile = join(dir, "record.jsonl");
const stateFile = join(dir, "state.bin");
const record = (line) => appendFileSync(recordFile, `${JSON.stringify(line)}\n`);

const log = (...values) => record({ event: values.map((v) => describe(v)) });
// Frames hold `log` (main's parameter): it is a host value, saved by reference like the in-process modes do.
registerValue("harness:log", log);
process.on("unhandledRejection", (reason) => record({ unhandled: describe(reason) }));

// The frame whose await the previous process hopped at, and how that await settled.
let replay;
let replayed = false;
let root;
let fulfilled = false;

// The order in which frames started their pending awaits. A new process cannot keep the
// microtask queue, so it re-enters the waiting frames in this order: awaits of plain values then
// settle in the order they would have settled in one process. The tree calls `changed` whenever a
// frame starts waiting; the round trip below is where a frame stops.
const waitOrder = new Map();
let nextWait = 0;
const observer = {
  changed(tree) {
    for (const k of tree.live()) if (k.state !== KernelState.Running && !waitOrder.has(k)) waitOrder.set(k, nextWait++);
  },
};
const waiting = (tree) => [...waitOrder.keys()].filter((k) => k.tree === tree && k.state !== KernelState.Done);

// The suspend-every-await hooks of frame.ts call `settled` (only for a fulfilled await) and then
// `roundTrip` once the settled value is in the frame's `$r`; here the round trip goes through a
// process exit instead of an in-process copy.
settings.suspendEveryAwait = true;
testModeHooks.settled = (_awaited, value) => {
  fulfilled = true;
  return value;
};
testModeHooks.roundTrip = (f) => {
  const ok = fulfilled;
  fulfilled = false;
  waitOrder.delete(f.$k);
  if (f === replay) {
    // The await the previous process settled and saved: it continues here, without a new hop.
    replay = undefined;
    replayed = true;
    return f;
  }
  const tree = f.$k.tree;
  const frames = tree.live().map((k) => k.frame);
  const order = waiting(tree).map((k) => k.frame);
  writeFileSync(stateFile, encodeValue({ root, frames, hop: f, ok, order }, treeStateHooks()));
  finish(true);
  process.exit(0);
};

function finish(hop) {
  record({ proc: { awaits: stats.awaits, replayed, hop } });
}

function watch(promise) {
  promise.then(
    (value) => record({ settled: { status: "return", value: describe(value) } }),
    (error) => record({ settled: { status: "throw", value: describe(error) } }),
  );
}

const mod = await import(pathToFileURL(modulePath).href);
if (what === "start") {
  // Started the way the engine starts a call (engine.ts): the root's tree exists, with its
  // observer, before the first statement runs.
  const d = helperDescriptor(mod.default);
  root = new Kernel(d);
  root.tree = new Tree();
  root.tree.observer = observer;
  root.tree.add(root);
  context.nextKernel = root;
  const p = d.impl(log);
  context.nextKernel = null;
  root.promise = p;
  awaitables.set(p, root);
  watch(p);
} else {
  const tree = new Tree();
  const kernels = [];
  const bytes = readFileSync(stateFile);
  rmSync(stateFile);
  const s = decodeValue(bytes, treeStateHooks(tree, kernels));
  root = s.root;
  replay = s.hop;
  const k = replay.$k;
  // The hopping frame's await settled before the process exited (its value or error is in `$r`):
  // re-entered first, it awaits a stand-in that gives back that outcome, as the engine's own
  // resume re-awaits a settled call. The other frames re-await what they were waiting on.
  const outcome = { ok: s.ok, value: replay.$r };
  const standIn = {};
  awaitables.set(standIn, {
    awaitedBy(awaiting) {
      awaiting.state = KernelState.WaitingOrdinary;
      awaiting.tree.ordinaryWaits++;
      awaiting.tree.changed();
      return outcome.ok ? outcome.value : Promise.reject(outcome.value);
    },
  });
  replay.$a = standIn;
  const first = [k, ...s.order.map((f) => f.$k).filter((o) => o !== k)];
  const rest = kernels.filter((o) => !first.includes(o));
  kernels.length = 0;
  kernels.push(...first, ...rest);
  tree.observer = observer;
  root.tree = tree;
  watch(root.promise);
  reenter({ root, tree, kernels, calls: new Map(), next: 1 });
}
// Nothing hopped: the run ended in this process. Let late work and unhandled rejections show.
process.on("beforeExit", () => {
  if (!existsSync(stateFile)) finish(false);
});
