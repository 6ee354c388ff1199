// Speed of the engine alone (issue 6, "Speed"), in one process, no scheduler:
//  (a) K sequential durable calls (bench/programs/workflows.ts#sequence) driven
//      through Engine.run with RunRequests: a driver answers each Poll at once
//      with the child's result, computed in-process (the child never runs
//      through the engine), so only the parent's suspend/resume is measured.
//      Goal: time(K=1000) / time(K=100) <= 11 (linear); bytes of state per Poll.
//  (b) One engine round trip per durable call (open + decode + re-enter + run
//      to the next await + encode + seal, i.e. one Engine.run of a resume) vs
//      v8.serialize + v8.deserialize of an equivalent plain tree (the same
//      values and references as the state, as plain objects), in the same run.
//      Also printed: our codec alone on the same state (decodeTree + encodeTree),
//      and the HMAC envelope alone. The engine's CPU time per call is the
//      K=1000 drive's CPU time less the driver's own work (measured apart).
//
// Method: after warm-up rounds, every round runs each measurement once in
// rotating order (drift and load hit them alike); figures are medians over
// rounds of process CPU time (user + system, GC threads included), because the
// machines are shared and wall time then mostly measures the wait for a core.
// Wall-time figures are printed beside them. No forced GC between samples.
//
//   node bench/engine.bench.mjs [--rounds=N] [--budget=MS]   (after npx tsc -p tsconfig.build.json)
import { create } from "@bufbuild/protobuf";
import v8 from "node:v8";
import * as dispatch from "dispatch-ts";
import { RunRequestSchema, PollResultSchema, CallResultSchema } from "../dist/runtime/proto/messages.js";
import { toAny, fromAny } from "../dist/runtime/values/index.js";
import { valueCodec } from "../dist/runtime/engine/value-codec.js";
import { decodeTree, encodeTree } from "../dist/runtime/engine/tree-state.js";
import { openState, sealState } from "../dist/runtime/codec/index.js";
import { DurableCall } from "../dist/runtime/engine/durable-call.js";
import { Kernel } from "../dist/runtime/engine/kernel.js";
import { arg, cleanUp, fmt, loadProgram, machine, median, rotatingRounds, warnTestModes } from "./programs/support.mjs";

const SMALL = 100;
const LARGE = 1000;
const WARMUP = arg("warmup", 3);
const ROUNDS = arg("rounds", 15);
const MIN_ROUNDS = 5;
const BUDGET_MS = arg("budget", 25_000);
// Codec and v8 samples: this many round trips each, so one sample is well above the timer's resolution.
const BATCH = arg("batch", 500);
const KEY = new Uint8Array(32).fill(7);

warnTestModes();

const request = (directive) => create(RunRequestSchema, { function: "sequence", dispatchId: "bench", rootDispatchId: "bench", attempt: 1, directive });

/** The driver's own work for one answer (decode the call's input, encode the result, build the RunRequest). */
function answer(poll) {
  if (poll.calls.length !== 1) throw new Error(`sequence polled ${poll.calls.length} calls, expected 1`);
  const c = poll.calls[0];
  const [i] = fromAny(c.input, valueCodec);
  const result = create(CallResultSchema, { correlationId: c.correlationId, output: toAny(i + 1, valueCodec) });
  return request({ case: "pollResult", value: create(PollResultSchema, { state: { case: "coroutineState", value: poll.state.value }, results: [result] }) });
}

/** Drives sequence(k) to its Exit. Resumes are timed apart (wall clock only: a CPU clock read per
 * resume costs a system call, about a tenth of the engine's own time). */
async function driveSequence(engine, k, keepState) {
  let res = await engine.run(request({ case: "input", value: toAny([k], valueCodec) }));
  let polls = 0;
  let stateBytes = 0;
  let resumeWall = 0;
  let kept;
  while (res.directive.case === "poll") {
    const poll = res.directive.value;
    polls++;
    stateBytes += poll.state.value.length;
    if (polls === keepState) kept = poll.state.value;
    const req = answer(poll);
    const t0 = performance.now();
    res = await engine.run(req);
    resumeWall += performance.now() - t0;
  }
  const exit = res.directive.value.result;
  const out = exit.output === undefined ? undefined : fromAny(exit.output, valueCodec);
  const expected = (k * (k + 1)) / 2;
  if (out !== expected) throw new Error(`sequence(${k}) returned ${out}, expected ${expected} (error: ${exit.error?.message})`);
  if (polls !== k) throw new Error(`sequence(${k}) made ${polls} polls, expected ${k}`);
  return { polls, bytesPerPoll: stateBytes / polls, resumeWall, state: kept };
}

/** The driver alone, n answers to one Poll: subtracted from a drive's CPU time to get the engine's. */
function driverOnly(poll, n) {
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += answer(poll).directive.value.results.length;
  return bytes;
}

/** The decoded state as plain objects: the same values and the same references, no classes. */
function plainTree(d, fn) {
  const seen = new Map();
  const call = (c) => ({ correlationId: c.correlationId, function: c.target.function, endpoint: c.target.endpoint, state: c.state, ok: c.ok, value: plain(c.value), args: plain(c.args), awaited: c.awaited, sent: c.sent });
  const kernel = (k) => {
    const out = { id: k.desc.id, done: k.state === 3, ok: k.ok, value: plain(k.value), parent: null, frame: null };
    seen.set(k, out);
    out.parent = plain(k.parent);
    const f = k.frame;
    const frame = { id: k.desc.id, layout: k.desc.meta.layout, pc: f.$pc, kernel: out, a: plain(f.$a), r: plain(f.$r), e: plain(f.$e) };
    seen.set(f, frame);
    for (const s of k.desc.meta.slots) frame[s] = plain(f[s]);
    out.frame = frame;
    return out;
  };
  function plain(v) {
    if (v === null || typeof v !== "object") return v;
    if (seen.has(v)) return seen.get(v);
    if (v instanceof Kernel) return kernel(v);
    if (v instanceof DurableCall) {
      const out = call(v);
      seen.set(v, out);
      return out;
    }
    if (Array.isArray(v)) return v.map(plain);
    if (Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    throw new Error(`cannot build the plain tree: unexpected ${Object.prototype.toString.call(v)} in the state`);
  }
  const root = plain(d.root);
  return { v: 1, fn, next: d.next, root, frames: d.kernels.map((k) => plain(k).frame), calls: [...d.calls.values()].map(plain) };
}

/** Our codec alone: open + decode, then encode + seal, of the same sealed state (what a resume does around the user code). */
function codecRoundTrips(state, n) {
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const d = decodeTree(state, KEY);
    const run = { tree: d.tree, context: { function: "sequence" }, nextCorrelationId: d.next, root: d.root, pending: () => [...d.calls.values()] };
    bytes += encodeTree(run, KEY).length;
  }
  return bytes;
}

/** The HMAC envelope alone (seal + open of the same payload): part of the codec figure. */
function sealRoundTrips(payload, n) {
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += openState(sealState(payload, KEY), KEY).length;
  return bytes;
}

function v8RoundTrips(tree, n) {
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const b = v8.serialize(tree);
    bytes += b.length;
    if (v8.deserialize(b).fn !== tree.fn) throw new Error("v8 round trip lost the tree");
  }
  return bytes;
}

async function main() {
  await loadProgram("workflows");
  const engine = new dispatch.Engine({ stateKey: KEY });

  // A state from the middle of a sequence, for the codec and v8 baselines.
  const probe = await driveSequence(engine, SMALL, SMALL / 2);
  const probePoll = (await engine.run(request({ case: "input", value: toAny([SMALL], valueCodec) }))).directive.value;
  const decoded = decodeTree(probe.state, KEY);
  const tree = plainTree(decoded, "sequence");
  const v8Bytes = v8.serialize(tree).length;
  const payload = openState(probe.state, KEY);
  const again = codecRoundTrips(probe.state, 1);
  if (again !== probe.state.length) throw new Error(`codec round trip changed the state size: ${probe.state.length} -> ${again}`);

  const tasks = {
    // LARGE / SMALL drives of K=SMALL per sample: the same work as one K=LARGE drive, so
    // both samples are long enough for the clock and see garbage collection alike.
    small: async () => {
      let last;
      for (let i = 0; i < LARGE / SMALL; i++) last = await driveSequence(engine, SMALL);
      return last;
    },
    large: () => driveSequence(engine, LARGE),
    codec: () => codecRoundTrips(probe.state, BATCH),
    seal: () => sealRoundTrips(payload, BATCH),
    v8: () => v8RoundTrips(tree, BATCH),
    driver: () => driverOnly(probePoll, LARGE),
  };
  const names = Object.keys(tasks);
  const { samples, rounds } = await rotatingRounds(Object.fromEntries(names.map((n) => [n, tasks[n]])), { warmup: WARMUP, rounds: ROUNDS, minRounds: MIN_ROUNDS, budgetMs: BUDGET_MS });
  const med = (name, key) => median(samples[name].map((s) => (typeof key === "function" ? key(s) : s[key])));

  const smallCpu = med("small", "cpu") / (LARGE / SMALL);
  const largeCpu = med("large", "cpu");
  const smallWall = med("small", "wall") / (LARGE / SMALL);
  const largeWall = med("large", "wall");
  const large = samples.large.at(-1).value;
  // Per durable call: the K=LARGE drive's CPU time less the driver's own work, over K (the start
  // and the exit are 2 of the K+1 runs). Wall: the resumes alone, timed in the drive.
  const driverCpu = med("driver", "cpu");
  const perCallCpu = ((largeCpu - driverCpu) / LARGE) * 1000; // us
  const perCallWall = med("large", (s) => s.value.resumeWall / LARGE) * 1000;
  const codecCpu = (med("codec", "cpu") / BATCH) * 1000;
  const codecWall = (med("codec", "wall") / BATCH) * 1000;
  const sealCpu = (med("seal", "cpu") / BATCH) * 1000;
  const sealWall = (med("seal", "wall") / BATCH) * 1000;
  const v8Cpu = (med("v8", "cpu") / BATCH) * 1000;
  const v8Wall = (med("v8", "wall") / BATCH) * 1000;

  console.log(`engine: ${machine()}`);
  console.log(`${rounds} rounds after ${WARMUP} warm-up rounds; medians of process CPU time (wall in parentheses)`);
  console.log(`(a) sequential durable calls through Engine.run, driver answering each Poll at once`);
  console.log(`    K=${SMALL} (mean of ${LARGE / SMALL} drives per sample): ${fmt(smallCpu, 1)} ms (${fmt(smallWall, 1)} ms)   K=${LARGE}: ${fmt(largeCpu, 1)} ms (${fmt(largeWall, 1)} ms)`);
  const ratio = largeCpu / smallCpu;
  console.log(`    time(K=${LARGE}) / time(K=${SMALL}) = ${fmt(ratio)}x CPU (${fmt(largeWall / smallWall)}x wall); goal <= 11: ${ratio <= 11 ? "met" : "MISSED"}`);
  console.log(`    state per Poll: ${fmt(probe.bytesPerPoll, 0)} bytes at K=${SMALL}, ${fmt(large.bytesPerPoll, 0)} bytes at K=${LARGE} (mean over every Poll)`);
  console.log(`(b) one round trip per durable call, same state (${probe.state.length} bytes sealed; v8.serialize of the plain tree: ${v8Bytes} bytes)`);
  console.log(`    Engine.run per durable call:        ${fmt(perCallCpu, 1)} us CPU (${fmt(perCallWall, 1)} us wall of a resume, a macrotask hop included)`);
  console.log(`      (the driver's own answer, excluded: ${fmt((driverCpu / LARGE) * 1000, 1)} us CPU per call)`);
  console.log(`    codec alone (open+decode+encode+seal): ${fmt(codecCpu, 1)} us CPU (${fmt(codecWall, 1)} us wall)`);
  console.log(`      of which the HMAC envelope (seal+open): ${fmt(sealCpu, 1)} us CPU (${fmt(sealWall, 1)} us wall)`);
  console.log(`    v8.serialize + v8.deserialize:      ${fmt(v8Cpu, 1)} us CPU (${fmt(v8Wall, 1)} us wall)`);
  console.log(`    ratios to v8: engine round trip ${fmt(perCallCpu / v8Cpu, 1)}x CPU (${fmt(perCallWall / v8Wall, 1)}x wall); codec alone ${fmt(codecCpu / v8Cpu, 1)}x CPU (${fmt(codecWall / v8Wall, 1)}x wall)`);
  console.log(`    ratio to v8 without the HMAC envelope: codec ${fmt((codecCpu - sealCpu) / v8Cpu, 1)}x CPU`);
  console.log(`    shares of the engine round trip (CPU): codec ${fmt((100 * codecCpu) / perCallCpu, 0)}% (HMAC ${fmt((100 * sealCpu) / perCallCpu, 0)}%), the rest (re-entry, results, Poll message, macrotask hop) ${fmt((100 * (perCallCpu - codecCpu)) / perCallCpu, 0)}%`);
  if (process.env.BENCH_JSON) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({ rounds, smallCpu, largeCpu, smallWall, largeWall, ratio, bytesPerPoll: [probe.bytesPerPoll, large.bytesPerPoll], perCallCpu, perCallWall, driverCpu, codecCpu, codecWall, sealCpu, sealWall, v8Cpu, v8Wall, stateBytes: probe.state.length, v8Bytes }, null, 2));
  }
}

try {
  await main();
} finally {
  cleanUp();
}
