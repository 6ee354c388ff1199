// Property-based differential testing: random async programs (random-program.ts) that mix control
// flow, try/finally, awaits in operand positions, closures, helper calls and Promise combinators
// must record the same events, interleaving, outcome and unhandled rejections natively, transformed
// and transformed with a round trip at every await (the harness of fixtures.test.ts).
//
// The programs of one run come from one fast-check seed: DISPATCH_RANDOM_SEED replays a run.
// `npm test` uses a fixed seed (CI must not fail on a program nobody changed code for), the soak
// tier draws a new one each run (DISPATCH_RANDOM_SEED=random does too), so it explores new programs. Each program is compiled to
// its own module and all of them stream through one runner process per mode. The first program
// that disagrees is shrunk by fast-check (replaying the seed and its index as the path) to a
// minimal program, which the failure message prints with the seed: add it to fixtures/ as a
// regular fixture when fixing the bug.
//   DISPATCH_RANDOM_SEED=N     replay the programs of one run (default 20261122; soak: random)
//   DISPATCH_RANDOM_COUNT=N    how many programs (default scaled(300, 4000))
//   DISPATCH_RANDOM_KEEP=1     keep the compiled programs in .cache/random-programs/run-PID
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { transformSource, formatDiagnostic } from "../../transformer/transform-source.js";
import { scaled } from "../scale.js";
import { programArbitrary } from "./random-program-arbitrary.js";
import { printProgram, type Program } from "./random-program.js";
import { ModeServer, type Mode } from "./mode-server.js";
import { comparable, type RunRecord } from "./run-record.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache/random-programs", `run-${process.pid}`);
const COUNT = Number(process.env.DISPATCH_RANDOM_COUNT ?? scaled(300, 4000));
const SEED_SETTING = process.env.DISPATCH_RANDOM_SEED ?? (process.env.DISPATCH_SOAK === "1" ? "random" : "20261122");
const SEED = SEED_SETTING === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_SETTING);
// Shrinking runs one candidate at a time through the three runners.
const SHRINK_MS = scaled(90_000, 300_000);

let servers: Record<Mode, ModeServer>;
let written = 0;
const outcomes: string[] = [];
let roundTrips = 0;

// Writes one program in both forms; returns its name, or a disagreement found at compile time.
function compile(source: string): { name: string; problem?: string } {
  const name = `p${++written}`;
  // The programs are JavaScript (untyped parameters); the printer avoids what TypeScript parses differently.
  const fileName = join(ROOT, "test/differential/random", `${name}.js`);
  // The printed programs are plain JavaScript: the oracle runs them as they are.
  writeFileSync(join(WORK, "native", `${name}.mjs`), source);
  try {
    const r = transformSource(source, { fileName, root: ROOT });
    writeFileSync(join(WORK, "transformed", `${name}.mjs`), r.code);
    if (r.diagnostics.length > 0) return { name, problem: `transform diagnostics:\n${r.diagnostics.map(formatDiagnostic).join("\n")}` };
  } catch (e) {
    return { name, problem: `the transform threw: ${(e as Error).stack ?? e}` };
  }
  return { name };
}

// Why the three modes disagree on one program, or undefined when they agree.
async function disagreement(program: Program): Promise<string | undefined> {
  const { name, problem } = compile(printProgram(program));
  if (problem) return problem;
  const [native, transformed, suspended] = await Promise.all([servers.native.run(name), servers.transformed.run(name), servers.suspended.run(name)]);
  outcomes.push(native.error ? "error" : native.outcome!.status);
  roundTrips += suspended.roundTrips ?? 0;
  return explain(native, transformed, suspended);
}

function explain(native: RunRecord, transformed: RunRecord, suspended: RunRecord): string | undefined {
  const oracle = comparable(native);
  for (const [mode, r] of [["transformed", transformed], ["suspend-every-await", suspended]] as const) {
    const got = comparable(r);
    if (JSON.stringify(got) !== JSON.stringify(oracle)) return `${mode} differs from native:\n${firstDifference(oracle, got)}`;
  }
  if (suspended.roundTrips !== suspended.awaits) return `suspend-every-await made ${suspended.roundTrips} round trips for ${suspended.awaits} awaits`;
  return undefined;
}

// The first differing event (with a little context) or the differing outcome.
function firstDifference(oracle: unknown, got: unknown): string {
  const a = oracle as { events?: string[][]; settledAt?: number; outcome?: unknown; unhandled?: unknown; error?: string };
  const b = got as typeof a;
  if (a.error || b.error || !a.events || !b.events) return `native: ${JSON.stringify(a).slice(0, 1500)}\nother:  ${JSON.stringify(b).slice(0, 1500)}`;
  const i = a.events.findIndex((e, k) => JSON.stringify(e) !== JSON.stringify(b.events![k]));
  const show = (events: string[][], from: number) => events.slice(Math.max(0, from - 3), from + 3).map((e) => `  ${e.join(" ")}`).join("\n");
  if (i >= 0 || a.events.length !== b.events.length) {
    const at = i >= 0 ? i : Math.min(a.events.length, b.events.length);
    return `event ${at}:\nnative:\n${show(a.events, at)}\nother:\n${show(b.events, at)}`;
  }
  return `native settled at ${a.settledAt} with ${JSON.stringify(a.outcome)}, unhandled ${JSON.stringify(a.unhandled)}\nother settled at ${b.settledAt} with ${JSON.stringify(b.outcome)}, unhandled ${JSON.stringify(b.unhandled)}`;
}

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, "native"), { recursive: true });
  mkdirSync(join(WORK, "transformed"), { recursive: true });
  servers = {
    native: new ModeServer("native", join(WORK, "native")),
    transformed: new ModeServer("transformed", join(WORK, "transformed")),
    suspended: new ModeServer("suspended", join(WORK, "transformed")),
  };
});

afterAll(() => {
  for (const s of Object.values(servers)) s.close();
  if (!process.env.DISPATCH_RANDOM_KEEP) rmSync(WORK, { recursive: true, force: true });
});

describe("random async programs: native vs transformed vs suspend-every-await", () => {
  // Outcomes of the oracle: timeouts or runner errors would mean that the generator is wrong.
  it(`${COUNT} programs agree (DISPATCH_RANDOM_SEED replays a run)`, async () => {
    const programs = fc.sample(programArbitrary, { seed: SEED, numRuns: COUNT });
    const verdicts = await Promise.all(programs.map((p) => disagreement(p)));
    const counts = new Map<string, number>();
    for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
    const tally = [...counts].map(([o, n]) => `${n} ${o}`);
    console.log(`random programs (DISPATCH_RANDOM_SEED=${SEED}): ${tally.join(", ")}, ${roundTrips} round trips`);
    // The programs really were lowered and suspended, and the oracle ran them all.
    expect(roundTrips).toBeGreaterThan(COUNT);
    expect(counts.get("return") ?? 0).toBeGreaterThan(COUNT / 2);
    const failing = verdicts.flatMap((v, index) => (v === undefined ? [] : [index]));
    if (failing.length === 0) return;
    console.log(`disagreeing programs (DISPATCH_RANDOM_SEED=${SEED}): ${failing.map((i) => `#${i}: ${verdicts[i]!.split("\n")[0]}`).join("; ")}`);
    const first = failing[0]!;
    // Replay the first failure from its seed and index, and let fast-check shrink it.
    const details = await fc.check(
      fc.asyncProperty(programArbitrary, async (p) => (await disagreement(p)) === undefined),
      { seed: SEED, path: String(first), numRuns: first + 1, interruptAfterTimeLimit: SHRINK_MS, markInterruptAsFailure: false },
    );
    const minimal = (details.counterexample?.[0] ?? programs[first]) as Program;
    const reason = await disagreement(minimal);
    expect.fail(
      [
        `${failing.length} of ${COUNT} random programs disagree across the modes (DISPATCH_RANDOM_SEED=${SEED}, first at index ${first}, shrunk path ${details.counterexamplePath ?? "(not replayed)"}).`,
        `Minimal program:\n${printProgram(minimal)}`,
        `Disagreement: ${reason ?? "(the shrunk program agrees; the original's:)\n" + verdicts[first]}`,
      ].join("\n"),
    );
  }, COUNT * 500 + SHRINK_MS + 60_000);
});
