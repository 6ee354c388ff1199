// The program of the crash test: hundreds of real durable workflows run with dispatch.run on the
// embedded default, killed with SIGKILL and re-run on the same store folder by test/crash/.
//
//   node workflows.mjs COUNT        (env: CRASH_LEDGER = ledger file, CRASH_RUN = run number)
//
// Every step appends "<step key> <run>" to the ledger before it returns, with appendFileSync, so
// the executions of each step can be counted across killed processes. Each workflow returns its
// history: the ordered list of its step results (and a marker where it slept), where every step
// result depends on its input, so a step run with the wrong input or a history out of order shows.
// The same file, with its types stripped and DISPATCH_NATIVE=1, is the oracle of the test.
import * as dispatch from "dispatch-ts";
import { appendFileSync } from "node:fs";

const LEDGER = process.env.CRASH_LEDGER ?? "ledger.txt";
const RUN = process.env.CRASH_RUN ?? "0";

/** FNV-1a: a step result that changes with any change of the key or the input. */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** The unit of work: one ledger line per execution, a result that names the step. */
export const step = dispatch.function(async function step(key: string, input: string) {
  appendFileSync(LEDGER, `${key} ${RUN}\n`);
  return `${key}=${digest(`${key}|${input}`)}`;
});

/** A nested durable function: a sequence of `length` steps, each fed the previous result. */
export const chain = dispatch.function(async function chain(prefix: string, length: number, input: string) {
  const history: string[] = [];
  let last = input;
  for (let i = 0; i < length; i++) {
    last = await step(`${prefix}.c${i}`, last);
    history.push(last);
  }
  return history;
});

/** Fan-out, as a durable helper: `width` steps gathered at once, all fed the same input. */
const fan = dispatch.durable(async function fan(prefix: string, width: number, input: string): Promise<string[]> {
  const calls: dispatch.Call<string>[] = [];
  for (let i = 0; i < width; i++) calls.push(step(`${prefix}.f${i}`, input));
  return await dispatch.gather(calls);
});

/** The shape of workflow `wf`: a pure function of its number, so every run makes the same calls. */
function shape(wf: number): { kind: number; width: number; length: number; sleeps: boolean } {
  return { kind: wf % 3, width: 2 + ((wf * 7) % 4), length: 2 + ((wf * 5) % 4), sleeps: wf % 16 === 5 };
}

export const workflow = dispatch.function(async function workflow(wf: number) {
  const s = shape(wf);
  const key = `w${wf}`;
  const history: string[] = [];
  if (s.kind === 0) {
    // Fan-out only: one gather of steps, then a gather of a step beside a nested sequence.
    const first = await fan(`${key}.a`, s.width, key);
    history.push(...first);
    const [last, nested] = await dispatch.gather([step(`${key}.b`, history.join(",")), chain(`${key}.n`, 2, key)]);
    history.push(last, ...nested);
  } else if (s.kind === 1) {
    // A sequence: a for loop awaiting steps one at a time, each fed the previous result.
    let last = key;
    for (let i = 0; i < s.length; i++) {
      last = await step(`${key}.s${i}`, last);
      history.push(last);
    }
  } else {
    // Mixed: a sequence, a fan-out fed by it, then a sequence fed by the fan-out.
    let last = await step(`${key}.m0`, key);
    history.push(last);
    const spread = await fan(`${key}.x`, s.width, last);
    history.push(...spread);
    last = spread.join(",");
    for (let i = 1; i < s.length; i++) {
      last = await step(`${key}.m${i}`, last);
      history.push(last);
    }
  }
  if (s.sleeps) {
    await dispatch.sleep("1s");
    history.push("slept");
    history.push(await step(`${key}.z`, history.join(",")));
  }
  return history;
});

async function main(): Promise<void> {
  const count = Number(process.argv[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`usage: workflows.mjs COUNT (got ${process.argv[2]})`);
  // Natively a call is a plain promise, which dispatch.run refuses; the durable run goes
  // through dispatch.run, the path under test.
  const native = process.env.DISPATCH_NATIVE === "1";
  const runs = [];
  for (let wf = 0; wf < count; wf++) runs.push(native ? workflow(wf) : dispatch.run(workflow(wf)));
  const settled = await Promise.allSettled(runs);
  const results = settled.map((r) => (r.status === "fulfilled" ? { ok: r.value } : { error: String((r.reason as Error)?.stack ?? r.reason) }));
  process.stdout.write(`results ${JSON.stringify(results)}\n`);
}

await main();
