// Scheduler-level behaviours of the engine, re-created from the Python SDK's
// suite through the public API: each scenario drives real transformed
// functions through RunRequests (test/support/engine-driver.mjs) and checks the
// exact Polls they make and the Exit they end with.
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `engine-${process.pid}`);
const SOURCE = join(ROOT, "test/engine/programs/basic.ts");

interface Poll {
  calls: string[];
  min: number;
  max: number;
  cancel: number[];
  stateBytes: number;
}
interface Outcome {
  name: string;
  polls: Poll[];
  exit: { status: number; output?: unknown; error?: { type: string; message: string }; tailCall?: { function: string; args: unknown[] }; cancel: number[] };
  detached: string[];
}

const scenarios = [
  { fn: "double", args: [21] },
  { fn: "fails", args: ["boom"] },
  { fn: "add", args: [1, 2] },
  { fn: "sequential", args: [3] },
  { fn: "gatherThree" },
  { name: "gatherThree one result per resume", fn: "gatherThree", deliver: "one" },
  { fn: "nestedGathers" },
  { fn: "catches" },
  { fn: "anySuccess" },
  { fn: "anyAllFail" },
  { fn: "raceFirst" },
  { name: "race decided by the exiting run", fn: "raceFirst", deliver: "one" },
  { name: "cancelled call", fn: "compensates", cancelFirst: true },
  { fn: "raceError" },
  { fn: "dag" },
  { name: "poll error resubmits", fn: "gatherThree", pollError: true },
  { name: "max results clamps", fn: "gatherFive", maxResults: 2 },
  { fn: "throwsBesidePending" },
  { fn: "detached" },
  { fn: "context" },
  { fn: "emptyCombinators" },
  { fn: "sleeper" },
  { fn: "gatherHelpers" },
  { fn: "helperTree" },
  { fn: "promiseAllCalls", args: [[1, 2, 3]] },
  { name: "promiseAllCalls one result per resume", fn: "promiseAllCalls", args: [[1, 2, 3]], deliver: "one" },
  { fn: "promiseCombinatorsOverCalls" },
  { fn: "promiseAllArrows", args: [[1, 2, 3]] },
  { fn: "callsHeldInLocals" },
  { fn: "unsendableArgument" },
  { fn: "countdown", args: [3] },
  { fn: "callsUnmarked" },
  { fn: "generatorAcrossPolls", args: [3] },
  { fn: "methodCalls", args: [2] },
  { fn: "unsavedReceiver" },
  { name: "tampered state", fn: "sequential", args: [1], tamper: true },
  { name: "changed layout", fn: "sequential", args: [1], changeLayout: true },
  { name: "unknown function", fn: "nope" },
];

let results: Map<string, Outcome>;
let resultsSuspending: Map<string, Outcome>;

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  const r = transformSource(readFileSync(SOURCE, "utf8"), { fileName: SOURCE, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  writeFileSync(join(WORK, "basic.mjs"), r.code);
  const out = execFileSync(process.execPath, [join(ROOT, "test/support/engine-driver.mjs"), join(WORK, "basic.mjs"), JSON.stringify(scenarios)], { cwd: ROOT, encoding: "utf8" });
  results = new Map((JSON.parse(out) as Outcome[]).map((o) => [o.name, o]));
  // The same scenarios with a serialize-to-bytes-and-resume at every await (DESIGN decision 11).
  const env = { ...process.env, DISPATCH_SUSPEND_EVERY_AWAIT: "1" };
  const suspending = execFileSync(process.execPath, [join(ROOT, "test/support/engine-driver.mjs"), join(WORK, "basic.mjs"), JSON.stringify(scenarios)], { cwd: ROOT, encoding: "utf8", env });
  resultsSuspending = new Map((JSON.parse(suspending) as Outcome[]).map((o) => [o.name, o]));
}, 120_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

const get = (name: string): Outcome => results.get(name)!;
const OK = 1;

describe("engine: every scenario with DISPATCH_SUSPEND_EVERY_AWAIT=1", () => {
  it.each(scenarios.map((s) => s.name ?? s.fn))("%s: the same Polls and Exit", (name) => {
    expect(resultsSuspending.get(name)).toEqual(results.get(name));
  });
});

describe("engine: exits", () => {
  it("returns a value without polling", () => {
    expect(get("double")).toMatchObject({ polls: [], exit: { status: OK, output: 42 } });
  });
  it("raises: the error's class and message, with its status", () => {
    expect(get("fails").exit).toMatchObject({ status: 7, error: { type: "PermanentError", message: "boom" } });
  });
  it("passes several arguments and applies defaults", () => {
    expect(get("add").exit.output).toBe(103);
  });
  it("an unknown function answers NOT_FOUND", () => {
    expect(get("unknown function").exit).toMatchObject({ status: 15, error: { type: "Error", message: "function 'nope' does not exist" } });
  });
  it("an error raised beside a pending call exits with that error's status", () => {
    expect(get("throwsBesidePending").exit).toMatchObject({ status: 6, error: { type: "TemporaryError", message: "failed with a call in flight" } });
  });
  it("a call started and never awaited is dispatched detached before Exit", () => {
    expect(get("detached")).toMatchObject({ polls: [], exit: { output: "exited" }, detached: ["double"] });
  });
});

describe("engine: tail calls", () => {
  it("return dispatch.reset(f, ...args) exits with a tail call and an empty result", () => {
    expect(get("countdown")).toMatchObject({
      polls: [{ calls: ["double(3)"] }],
      exit: { status: OK, output: "$undefined", error: "$undefined", tailCall: { function: "countdown", args: [2] } },
    });
  });
});

describe("engine: polls", () => {
  it("one call per poll for sequential calls", () => {
    const o = get("sequential");
    expect(o.polls.map((p) => p.calls)).toEqual([["double(1)"], ["double(2)"], ["double(3)"]]);
    expect(o.polls.every((p) => p.min === 1 && p.max === 1)).toBe(true);
    expect(o.exit.output).toBe(12);
  });
  it("gather of three: one poll with every call, resumed when all three are in", () => {
    const o = get("gatherThree");
    expect(o.polls).toMatchObject([{ calls: ["double(1)", "double(2)", "double(3)"], min: 3, max: 3 }]);
    expect(o.exit.output).toEqual([2, 4, 6]);
  });
  it("gather of three with one result per resume: polls again for what is missing", () => {
    const o = get("gatherThree one result per resume");
    expect(o.polls.map((p) => [p.calls.length, p.min, p.max])).toEqual([
      [3, 3, 3],
      [0, 2, 2],
      [0, 1, 1],
    ]);
    expect(o.exit.output).toEqual([2, 4, 6]);
  });
  it("nested gathers dispatch depth first, in order", () => {
    const o = get("nestedGathers");
    expect(o.polls[0]!.calls).toEqual(["double(1)", "double(2)", "double(3)", "double(4)"]);
    expect(o.exit.output).toEqual([
      [2, 4],
      [6, 8],
    ]);
  });
  it("a generator held across polls is saved in the state and continues where it was", () => {
    const o = get("generatorAcrossPolls");
    expect(o.polls.map((p) => p.calls)).toEqual([["double(1)"], ["double(20)"], ["double(30)"], ["double(1)"], ["double(2)"]]);
    expect(o.exit.output).toEqual([2 * (1 + 20 + 30 + 1 + 2), ["closed", "closed"]]);
  });
  it("a DAG of gathers and sequences makes exactly these polls", () => {
    const o = get("dag");
    expect(o.polls.map((p) => [p.calls, p.min])).toEqual([
      [["double(1)", "double(2)"], 2],
      [["double(6)"], 1],
      [["double(12)", "sequentialPair(12)"], 2],
    ]);
    expect(o.exit.output).toEqual([2, 4, 12, 24, [24, 26]]);
  });
  it("a poll error resubmits the same calls", () => {
    const o = get("poll error resubmits");
    expect(o.polls.map((p) => p.calls)).toEqual([
      ["double(1)", "double(2)", "double(3)"],
      ["double(1)", "double(2)", "double(3)"],
    ]);
    expect(o.exit.output).toEqual([2, 4, 6]);
  });
  it("max_results is clamped by the engine option and min_results by max_results", () => {
    const o = get("max results clamps");
    expect(o.polls[0]).toMatchObject({ min: 2, max: 2 });
    expect(o.exit.output).toEqual([2, 4, 6, 8, 10]);
  });
  it("a durable sleep is a call to the scheduler's timer", () => {
    expect(get("sleeper")).toMatchObject({ polls: [{ calls: ["dispatch_ts.sleep(1000)"], min: 1, max: 1 }], exit: { output: "woke" } });
  });
});

describe("engine: directives", () => {
  it("catch and finally run around durable calls", () => {
    expect(get("catches").exit.output).toBe("caught PermanentError: nope");
  });
  it("any returns the first success", () => {
    expect(get("anySuccess").exit.output).toBe(42);
  });
  it("any with every call failed raises an aggregate error listing them", () => {
    expect(get("anyAllFail").exit.error).toEqual({ type: "AggregateError", message: "all 2 calls failed" });
  });
  it("race returns the first settled, success or error", () => {
    expect(get("raceFirst").exit.output).toBe(10);
    expect(get("raceError").exit.error).toEqual({ type: "PermanentError", message: "first" });
  });
  it("a race decided by the run that exits cancels its loser in the Exit", () => {
    const o = get("race decided by the exiting run");
    expect(o.polls).toMatchObject([{ calls: ["double(5)", "double(6)"], cancel: [] }]);
    expect(o.exit).toMatchObject({ status: OK, output: 10, cancel: [2] });
    expect(get("raceFirst").exit.cancel).toEqual([]);
  });
  it("a cancelled call is thrown at its durable await as dispatch.CancelledError, so compensations run", () => {
    expect(get("cancelled call").exit.output).toEqual(["CancelledError true true", "undo 100", "finally"]);
  });
  it("empty inputs: gather -> [], any/race -> undefined", () => {
    expect(get("emptyCombinators").exit.output).toEqual([[], "$undefined", "$undefined"]);
  });
  it("durable helpers run on the caller's tree, their calls in the same polls", () => {
    const o = get("gatherHelpers");
    expect(o.polls.map((p) => p.calls)).toEqual([
      ["double(1)", "double(10)"],
      ["double(2)", "double(11)"],
    ]);
    expect(o.exit.output).toEqual([
      [2, 4],
      [20, 22],
    ]);
  });
  it("Promise.all over durable helpers is lowered: the helpers' calls share the polls, results as native", () => {
    const o = get("helperTree");
    expect(o.polls.map((p) => p.calls)).toEqual([["double(1)", "double(10)"], ["double(1)", "double(10)"]]);
    expect(o.exit.output).toEqual([4, 40]);
  });
  it("Promise.all over durable calls is lowered: one poll with every call, results in order", () => {
    const o = get("promiseAllCalls");
    expect(o.polls.map((p) => p.calls)).toEqual([["double(1)", "double(2)", "double(3)"]]);
    expect(o.exit.output).toEqual([2, 4, 6]);
    const one = get("promiseAllCalls one result per resume");
    expect(one.polls.map((p) => p.calls)).toEqual([["double(1)", "double(2)", "double(3)"], [], []]);
    expect(one.exit.output).toEqual([2, 4, 6]);
  });
  it("async arrows, functions and methods written in a durable body are helpers that await durable calls", () => {
    const o = get("promiseAllArrows");
    expect(o.polls[0]!.calls).toEqual(["double(1)", "double(2)", "double(3)"]);
    expect(o.exit.output).toEqual([[3, 5, 7], 3, 20, 4]);
  });
  it("calls started first and awaited later, held in locals across the other await", () => {
    const o = get("callsHeldInLocals");
    expect(o.polls.map((p) => p.calls)).toEqual([["double(1)", "double(2)"]]);
    expect(o.exit.output).toEqual([2, 4]);
  });
  it("Promise.allSettled/race/any/all over durable calls settle like native ones, errors included", () => {
    const o = get("promiseCombinatorsOverCalls");
    expect(o.exit.output).toEqual([[8, "no"], 10, 14, "all fails"]);
  });
  it("a call whose arguments cannot be sent throws at the call site, into the caller's catch, and sends nothing", () => {
    const o = get("unsendableArgument");
    expect(o.polls).toEqual([]);
    expect(o.exit.output).toBe(
      "TypeError: cannot call double: its arguments cannot be sent: cannot serialize function (anonymous) at value[0]: functions are serialized only when declared at module level or in a durable body",
    );
  });
  it("awaiting a durable call in an unmarked async function fails and says how to fix it", () => {
    const o = get("callsUnmarked");
    expect(o.exit.error!.message).toBe(
      'cannot await the durable call double(...) in code the transformer did not lower: mark the async function that awaits it with dispatch.durable(...) (or "use durable" in its file), or await the call in the durable function itself',
    );
    expect(o.detached).toEqual([]);
  });
  it("dispatch.context() gives the running call's ids and attempt", () => {
    expect(get("context").exit.output).toEqual(["context-0", "context", 1, "root"]);
  });
});

describe("engine: state", () => {
  it("a tampered state is refused, never resumed", () => {
    const o = get("tampered state");
    expect(o.exit.status).toBe(4);
    expect(o.exit.error!.message).toMatch(/^cannot resume: /);
  });
  it("a state of another frame layout answers INCOMPATIBLE_STATE naming the function and both versions", () => {
    const o = get("changed layout");
    expect(o.exit.status).toBe(8);
    expect(o.exit.error!.message).toMatch(
      /^cannot resume sequential \(test\/engine\/programs\/basic\.ts#sequential\): the code changed since it was suspended: its frame layout changed \(no version pin can keep that\) \(state: version ([0-9a-f]{16}), layout [0-9a-f]{16}; this build: version \1, layout 0000000000000000\)$/,
    );
  });
  it("state stays small: a suspended loop is a few hundred bytes", () => {
    for (const p of get("sequential").polls) expect(p.stateBytes).toBeLessThan(400);
  });
});

describe("engine: durable methods", () => {
  it("@dispatch.function methods are durable calls whose input carries the receiver; @dispatch.durable methods run on the caller's tree", () => {
    const o = get("methodCalls");
    // The singleton and the class travel as references (the class encodes as nothing JSON can show), the Box by value.
    expect(o.polls.map((p) => p.calls)).toEqual([['Greeter.greet({"prefix":"hi"}, 2)'], ["double(2)"], ["double(3)"], ["Greeter.make(, 2)"], ['Box.grow({"v":5}, 2)']]);
    // Each poll resumed the caller from its state; the receivers were `this` in the bodies
    // (the singleton is the same object, the Box a Box again).
    expect(o.exit).toMatchObject({ status: OK, output: ["hi 4 true", 12, 104, 1009] });
  });
  it("a receiver that cannot be serialized fails the caller naming the method's call and what could not be saved", () => {
    // Like any call whose arguments cannot be sent: a TypeError at the call (INVALID_ARGUMENT), naming the path.
    expect(get("unsavedReceiver").exit).toMatchObject({ status: 4, error: { type: "TypeError", message: expect.stringMatching(/^cannot call Unsaved\.run: its arguments cannot be sent: cannot serialize function \(anonymous\) at value\[0\]\.callback/) } });
  });
});
