// Speed and size of the state codec (issue 6, "Speed"): encode + decode of a
// 3-frame tree with 10 locals per frame (numbers, short strings, a small array
// of objects, a Map, a Date, nested objects) against v8.serialize +
// v8.deserialize and msgpackr (structured clone mode, records on) of the same
// data. Goals: <= 1.0x v8's time and <= 0.6x its bytes.
//
// The frames are class instances written by a small extension, as the engine
// writes its frames (locals by position, no names); v8 and msgpackr get the same
// tree as plain objects, the closest they can carry.
//
// Method: after warm-up, every round times a batch of each candidate in
// rotating order, so that load and drift hit them alike; figures are medians
// (and minimums) over rounds of process CPU time (user + system), because
// shared machines make wall time mostly a measure of the wait for a core.
//
//   npx tsc -p tsconfig.build.json && node bench/codec.bench.mjs [--rounds=N] [--batch=N]
import v8 from "node:v8";
import { Packr } from "msgpackr";
import { decodeValue, encodeValue } from "../dist/runtime/codec/index.js";

const arg = (name, fallback) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found === undefined ? fallback : Number(found.slice(name.length + 3));
};
const ROUNDS = arg("rounds", 40);
const BATCH = arg("batch", 400);
const WARMUP = 3;

function locals(i) {
  return {
    count: 42 + i,
    ratio: 0.75,
    label: `step-${i}`,
    status: "pending",
    items: [
      { id: 1 + i, name: "ada", active: true },
      { id: 2 + i, name: "grace", active: false },
      { id: 3 + i, name: "linus", active: true },
    ],
    seen: new Map([["a", 1], ["b", 2]]),
    started: new Date(1700000000000 + i),
    options: { retries: 3, backoff: { base: 100, max: 5000 } },
    done: false,
    cursor: null,
  };
}
const NAMES = Object.keys(locals(0));
const LABELS = NAMES.map((n) => `local ${n}`);
const FRAMES = [
  ["app.ts#pipeline", 0x7b01, 1],
  ["app.ts#processBatch", 0x11c2, 5],
  ["app.ts#fetchPage", 0x3a1f, 2],
];

class Frame {
  constructor(fn, version, pc, values, child) {
    this.fn = fn;
    this.version = version;
    this.pc = pc;
    this.values = values;
    this.child = child;
  }
}
const frameExtension = {
  tag: "frame",
  match: (v) => v instanceof Frame,
  encode(f, out) {
    out.write(f.fn);
    out.write(f.version);
    out.write(f.pc);
    for (let i = 0; i < LABELS.length; i++) out.write(f.values[i], LABELS[i]);
    out.write(f.child, "child frame");
  },
  decode(input) {
    const f = new Frame(undefined, 0, 0, [], undefined);
    input.register(f);
    f.fn = input.read();
    f.version = input.read();
    f.pc = input.read();
    for (let i = 0; i < LABELS.length; i++) f.values.push(input.read());
    f.child = input.read();
    return f;
  },
};
const hooks = { extensions: [frameExtension] };

function frameTree(depth = 0) {
  if (depth === FRAMES.length) return undefined;
  const [fn, version, pc] = FRAMES[depth];
  const l = locals(depth);
  return new Frame(fn, version, pc, NAMES.map((n) => l[n]), frameTree(depth + 1));
}
function plainTree(depth = 0) {
  if (depth === FRAMES.length) return undefined;
  const [fn, version, pc] = FRAMES[depth];
  return { fn, version, pc, locals: locals(depth), child: plainTree(depth + 1) };
}

const frames = frameTree();
const plain = plainTree();
const packr = new Packr({ structuredClone: true });
const ours = encodeValue(frames, hooks);
const v8Bytes = v8.serialize(plain);
const msgpackrBytes = packr.pack(plain);

const candidates = {
  "dispatch-ts codec": () => decodeValue(encodeValue(frames, hooks), hooks),
  "  encode only": () => encodeValue(frames, hooks),
  "  decode only": () => decodeValue(ours, hooks),
  "v8.serialize + deserialize": () => v8.deserialize(v8.serialize(plain)),
  "msgpackr (structuredClone)": () => packr.unpack(packr.pack(plain)),
};

function sample(fn) {
  const start = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < BATCH; i++) fn();
  const cpu = process.cpuUsage(start);
  return { cpu: (cpu.user + cpu.system) / BATCH, wall: ((performance.now() - wall) * 1000) / BATCH };
}

const names = Object.keys(candidates);
const samples = Object.fromEntries(names.map((n) => [n, { cpu: [], wall: [] }]));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length];
    const s = sample(candidates[name]);
    if (round >= WARMUP) {
      samples[name].cpu.push(s.cpu);
      samples[name].wall.push(s.wall);
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
const base = samples["v8.serialize + deserialize"];

console.log(`codec: 3 frames x ${NAMES.length} locals, ${ROUNDS} rounds x ${BATCH} (CPU time; wall time in brackets)`);
for (const name of names) {
  const s = samples[name];
  const ratio = median(s.cpu) / median(base.cpu);
  console.log(
    `${name.padEnd(28)} median ${median(s.cpu).toFixed(2).padStart(6)} us  min ${min(s.cpu).toFixed(2).padStart(6)} us` +
      `  [${median(s.wall).toFixed(2)} us]  ${ratio.toFixed(2)}x v8`,
  );
}
console.log(
  `bytes: dispatch-ts ${ours.length}, v8 ${v8Bytes.length}, msgpackr ${msgpackrBytes.length}; ` +
    `${(ours.length / v8Bytes.length).toFixed(2)}x v8 (goal <= 0.6), ${(ours.length / msgpackrBytes.length).toFixed(2)}x msgpackr`,
);
const timeRatio = median(samples["dispatch-ts codec"].cpu) / median(base.cpu);
console.log(`time: ${timeRatio.toFixed(2)}x v8 (goal <= 1.0)`);
