// A deploy between a suspension and its resume, with real bytes and real
// processes: build A of test/versions/programs/orders.ts runs `checkout` until
// it polls and saves its state; a fresh process loading build B (A edited)
// resumes it through the engine. Edits that change nothing a state depends on
// (comments, formatting, types) resume; edits of the caller, of the helper it
// awaits or of its lifted closure answer INCOMPATIBLE_STATE naming the frame
// and both versions; a kept version pin resumes the edited code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { transformSource } from "../../transformer/transform-source.js";
import { both, edits, pin, type Edit } from "./edits.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `versions-${process.pid}`);
const SOURCE_PATH = join(ROOT, "test/versions/programs/orders.ts");
const SOURCE = readFileSync(SOURCE_PATH, "utf8");
const DRIVER = join(ROOT, "test/support/resume-driver.mjs");
const ID = "test/versions/programs/orders.ts#";
const run = promisify(execFile);
const INCOMPATIBLE_STATE = 8;
const OK = 1;

interface Resumed {
  savedBy: number;
  resumedBy: number;
  status: number;
  output?: unknown;
  error?: { type: string; message: string };
}

let builds = 0;
/** Writes one build of the program (same module path: it is the same file, edited) and returns its path. */
function build(edit: Edit): { module: string; frames: Map<string, { layout: string; version: string }> } {
  const r = transformSource(edit(SOURCE), { fileName: SOURCE_PATH, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  const dir = join(WORK, `build-${++builds}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "orders.js"), r.code);
  return { module: join(dir, "orders.js"), frames: new Map(r.manifest.map((f) => [f.id.slice(ID.length), f])) };
}

/** Suspends checkout(["apple", "kiwi"]) in a process running `before`, resumes it in a fresh one running `after`. */
async function deploy(before: Edit, after: Edit) {
  const a = build(before);
  const b = build(after);
  const state = join(WORK, `state-${builds}.json`);
  await run(process.execPath, [DRIVER, "start", a.module, "checkout", JSON.stringify([["apple", "kiwi"]]), state], { cwd: ROOT });
  const { stdout } = await run(process.execPath, [DRIVER, "resume", b.module, state], { cwd: ROOT });
  return { resumed: JSON.parse(stdout) as Resumed, a: a.frames, b: b.frames };
}

const same: Edit = (s) => s;
const outcomes: Record<string, Awaited<ReturnType<typeof deploy>>> = {};
const scenarios: Record<string, [Edit, Edit]> = {
  unchanged: [same, same],
  comments: [same, edits.comments],
  formatting: [same, edits.formatting],
  types: [same, edits.types],
  caller: [same, edits.caller],
  helper: [same, edits.helper],
  closure: [same, edits.closure],
  "pinned caller edit": [pin("2024-06"), both(pin("2024-06"), edits.caller)],
  "pinned closure edit": [pin("2024-06"), both(pin("2024-06"), edits.closure)],
  "new pin": [pin("2024-06"), both(pin("2024-07"), edits.caller)],
  "pin removed": [pin("2024-06"), same],
  "pin over a layout change": [pin("2024-06"), both(pin("2024-06"), edits.layout)],
};

beforeAll(async () => {
  mkdirSync(WORK, { recursive: true });
  // Two scenarios at a time: each is two Node processes, and the machine is shared.
  const names = Object.keys(scenarios);
  for (let i = 0; i < names.length; i += 2) {
    await Promise.all(names.slice(i, i + 2).map(async (n) => (outcomes[n] = await deploy(...scenarios[n]!))));
  }
}, 120_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("a state saved by one build, resumed by another in a fresh process", () => {
  it("is saved and resumed by two different processes", () => {
    const { resumed } = outcomes.unchanged!;
    expect(resumed).toMatchObject({ status: OK, output: "apple=50,kiwi=40" });
    expect(resumed.savedBy).not.toBe(resumed.resumedBy);
  });

  it.each(["comments", "formatting", "types"])("resumes after a %s-only edit", (name) => {
    expect(outcomes[name]!.resumed).toMatchObject({ status: OK, output: "apple=50,kiwi=40" });
  });

  it.each([
    ["caller", "checkout"],
    ["helper", "priced"],
    ["closure", "checkout"],
  ])("an edit of the %s answers INCOMPATIBLE_STATE naming the frame (%s) and both versions", (name, frame) => {
    const { resumed, a, b } = outcomes[name]!;
    const before = a.get(frame)!;
    const after = b.get(frame)!;
    expect(before.version).not.toBe(after.version);
    expect(resumed.status).toBe(INCOMPATIBLE_STATE);
    expect(resumed.error!.message).toBe(
      `cannot resume ${frame} (${ID}${frame}): the code changed since it was suspended: its body changed and it has no version pin ` +
        `(state: version ${before.version}, layout ${before.layout}; this build: version ${after.version}, layout ${after.layout})`,
    );
  });

  it("a kept version pin resumes the edited caller, which runs its new code", () => {
    expect(outcomes["pinned caller edit"]!.resumed).toMatchObject({ status: OK, output: "apple=50 + kiwi=40" });
  });

  it("a kept version pin covers the closures lifted out of the body: the resumed frame holds the new closure", () => {
    expect(outcomes["pinned closure edit"]!.resumed).toMatchObject({ status: OK, output: "apple: 50,kiwi: 40" });
  });

  it("a new pin refuses the states of the old one, naming both", () => {
    const { resumed, a } = outcomes["new pin"]!;
    expect(resumed.status).toBe(INCOMPATIBLE_STATE);
    expect(resumed.error!.message).toBe(
      `cannot resume checkout (${ID}checkout): the code changed since it was suspended: it was saved under another version than the one this build pins ` +
        `(state: version 2024-06, layout ${a.get("checkout")!.layout}; this build: version 2024-07, layout ${a.get("checkout")!.layout})`,
    );
  });

  it("a pin removed refuses the states saved under it, naming it", () => {
    const { resumed, a, b } = outcomes["pin removed"]!;
    expect(resumed.status).toBe(INCOMPATIBLE_STATE);
    expect(resumed.error!.message).toBe(
      `cannot resume checkout (${ID}checkout): the code changed since it was suspended: it was saved under a version pin this build no longer has ` +
        `(state: version 2024-06, layout ${a.get("checkout")!.layout}; this build: version ${b.get("checkout")!.version}, layout ${b.get("checkout")!.layout})`,
    );
  });

  it("a pin never waives the layout (the build refuses such a pin; if it is deployed anyway, the engine does)", () => {
    const { resumed, a, b } = outcomes["pin over a layout change"]!;
    expect(resumed.status).toBe(INCOMPATIBLE_STATE);
    expect(resumed.error!.message).toBe(
      `cannot resume checkout (${ID}checkout): the code changed since it was suspended: its frame layout changed (no version pin can keep that) ` +
        `(state: version 2024-06, layout ${a.get("checkout")!.layout}; this build: version 2024-06, layout ${b.get("checkout")!.layout})`,
    );
  });
});
