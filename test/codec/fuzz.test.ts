// Structure-aware fuzzing of the decoder: mutations of valid encodings (hooks,
// extensions and durable classes included) must each decode or fail with a
// CodecError (or the extension's own error), within a time bound, without
// polluting any prototype. Prints how many inputs were tried and how much of
// the decoder they reached (V8 block coverage, see decoder-coverage.ts).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue, isCodecError, type CodecHooks, type Extension } from "../../runtime/codec/index.js";
import { scaled } from "../scale.js";
import { withDecoderCoverage } from "./decoder-coverage.js";
import { mutationNames, mutations, random } from "./mutations.js";
import { valueGraph } from "./value-graphs.js";

class FrameError extends Error {}
class Frame {
  constructor(
    public fn: string,
    public locals: unknown[],
    public parent: Frame | undefined,
  ) {}
}
// Like the engine's: validates what it reads and throws its own error otherwise.
const frames: Extension<Frame> = {
  tag: "frame",
  match: (v): v is Frame => v instanceof Frame,
  encode(f, out) {
    out.write(f.fn);
    out.write(f.locals.length);
    f.locals.forEach((v, i) => out.write(v, `local ${i}`));
    out.write(f.parent, "parent");
  },
  decode(input) {
    const fn = input.read();
    if (typeof fn !== "string") throw new FrameError("frame without a function id");
    const f = new Frame(fn, [], undefined);
    input.register(f);
    const n = input.read();
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 64) throw new FrameError("bad local count");
    for (let i = 0; i < n; i++) f.locals.push(input.read());
    const parent = input.read();
    if (parent !== undefined && !(parent instanceof Frame)) throw new FrameError("bad parent");
    f.parent = parent;
    return f;
  },
};
class Money {
  constructor(readonly cents: number) {}
  toDurable(): unknown {
    return this.cents;
  }
  static fromDurable(cents: unknown): Money {
    if (typeof cents !== "number") throw new Error("cents must be a number");
    return new Money(cents);
  }
}
class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}
const helper = (): number => 1;
const defaults = { retries: 3 };
const bindings = new Map<unknown, string>([
  [Money, "Money"], [Point, "Point"], [helper, "helper"], [Symbol.for("x"), "sym"], [defaults, "defaults"],
]);
const byId = new Map([...bindings].map(([v, id]) => [id, v]));
const hooks: CodecHooks = {
  refOf: (v) => bindings.get(v),
  resolveRef: (id) => {
    if (!byId.has(id)) throw new Error(`unknown binding ${id}`);
    return byId.get(id);
  },
  extensions: [frames],
};

function corpus(): Uint8Array[] {
  const root = new Frame("main", [], undefined);
  const child = new Frame("step", [new Money(250), new Point(1, 2), helper, { back: root }], root);
  root.locals.push(child, new Map([["k", [1, 2n, "three"]]]), new Date(0), /re/g, new Set([root]));
  const fixed: unknown[] = [
    root,
    { a: [1, , 3], b: new Uint8Array([1, 2, 3]), c: Object.freeze({ d: new Error("e", { cause: 1 }) }) },
    [new URL("https://x.y/"), Object(1n), new String("s"), Buffer.from("buf"), Symbol.iterator, Symbol.for("k")],
    Object.assign(Object.create(null) as object, { __proto__: 1, constructor: 2 }),
    [Object.assign(Object.create(defaults) as object, { own: 1 }), Object.freeze(Object.create(defaults) as object)],
    new AggregateError([new TypeError("t")], "agg"),
    "é".repeat(40) + String.fromCharCode(0xd800),
  ];
  const sampled = fc.sample(valueGraph, { numRuns: 150, seed: 42 });
  return [...fixed, ...sampled].map((v) => encodeValue(v, hooks));
}

function timeDecode(bytes: Uint8Array): number {
  const started = performance.now();
  try {
    encodeValue(decodeValue(bytes, hooks), hooks);
  } catch {
    // Only the time matters here.
  }
  return performance.now() - started;
}

describe("decoder fuzzing", () => {
  it("decodes or refuses every mutated encoding, quickly, polluting nothing", { timeout: scaled(300_000, 3_600_000) }, async () => {
    const inputs = corpus();
    const total = Number(process.env.CODEC_FUZZ_INPUTS ?? scaled(20_000, 2_000_000));
    const seed = Number(process.env.CODEC_FUZZ_SEED ?? 1);
    const rnd = random(seed);
    const boundMs = 250;
    const prototypes = [Object.prototype, Array.prototype, Function.prototype, Map.prototype];
    const before = prototypes.map((p) => Reflect.ownKeys(p).length);
    let decoded = 0;
    let rejected = 0;
    let extension = 0;
    let slowest = 0;
    const perMutation = Object.fromEntries(mutationNames.map((m) => [m, 0]));
    const coverage = await withDecoderCoverage(() => {
      for (let n = 0; n < total; n++) {
        let input = [...inputs[n % inputs.length]!];
        const steps = 1 + Math.floor(rnd() * 3);
        for (let s = 0; s < steps; s++) {
          const name = mutationNames[Math.floor(rnd() * mutationNames.length)]!;
          perMutation[name]!++;
          input = mutations[name]!(input, rnd, inputs);
        }
        const bytes = new Uint8Array(input);
        const started = performance.now();
        try {
          const value = decodeValue(bytes, hooks);
          decoded++;
          try {
            encodeValue(value, hooks);
          } catch (e) {
            if (!isCodecError(e)) throw new Error(`re-encoding a decoded value threw ${String(e)}`, { cause: e });
          }
        } catch (e) {
          if (isCodecError(e)) rejected++;
          else if (e instanceof FrameError) extension++;
          else throw new Error(`input #${n} (seed ${seed}) [${input.join(",")}] threw ${String(e)}`, { cause: e });
        }
        let ms = performance.now() - started;
        if (ms > boundMs) {
          // A garbage collection or a busy machine can stall one run; a slow
          // decoder is slow every time.
          ms = Math.min(...[1, 2, 3].map(() => timeDecode(bytes)));
          if (ms > boundMs) throw new Error(`input #${n} (seed ${seed}) takes ${ms.toFixed(0)} ms: [${input.join(",")}]`);
        }
        slowest = Math.max(slowest, ms);
      }
    });
    console.log(
      `codec fuzz: ${total} inputs tried from ${inputs.length} encodings (seed ${seed}): ${decoded} decoded, ` +
        `${rejected} refused with a CodecError, ${extension} by the extension; slowest ${slowest.toFixed(2)} ms; ` +
        (coverage === undefined
          ? "decoder coverage not measured"
          : `decoder block coverage ${((100 * coverage.covered) / coverage.total).toFixed(1)}% (${coverage.covered}/${coverage.total} blocks)`),
    );
    expect(prototypes.map((p) => Reflect.ownKeys(p).length)).toEqual(before);
    expect(decoded + rejected + extension).toBe(total);
    expect(rejected).toBeGreaterThan(total / 4);
  });
});
