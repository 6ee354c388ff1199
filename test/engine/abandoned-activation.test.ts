// A run that suspends leaves its live activation behind (the next one resumes from bytes), so
// nothing may keep that activation alive: a frame waiting on a pending durable call awaits a
// promise that never settles, and if that promise were shared by every wait, each wait's
// continuation (the frame, its locals, its kernel) would stay attached to it for the life of
// the process. Checked with WeakRefs to a local of each suspended activation, in a child
// process run with --expose-gc.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
// Inside the repo, so that `dispatch-ts` resolves to dist/ by self-reference.
const WORK = join(ROOT, ".cache", `abandoned-${process.pid}`);
const SOURCE = `
import * as dispatch from "dispatch-ts";
const refs = [];
export const step = dispatch.function(async function step(i) { return i + 1; });
export const holder = dispatch.function(async function holder(n) {
  const marker = { items: [n, n, n] };
  refs.push(new WeakRef(marker));
  const x = await step(n);
  const y = await dispatch.gather([step(x), step(x + 1)]);
  return x + y[1] + marker.items.length;
});
dispatch.setRunner(new dispatch.EmbeddedRunner({ memory: true }));
let total = 0;
for (let i = 0; i < 5; i++) total += await dispatch.run(holder(i));
dispatch.setRunner(undefined);
await new Promise((resolve) => setTimeout(resolve, 10));
globalThis.gc();
await new Promise((resolve) => setTimeout(resolve, 10));
globalThis.gc();
console.log(JSON.stringify({ total, activations: refs.length, alive: refs.filter((r) => r.deref() !== undefined).length }));
`;

beforeAll(() => mkdirSync(WORK, { recursive: true }));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("suspended activations", () => {
  it("are garbage once their run has answered: no wait keeps them", () => {
    const file = join(WORK, "holder.mjs");
    const t = transformSource(SOURCE, { fileName: file, root: WORK });
    expect(t.diagnostics).toEqual([]);
    writeFileSync(file, t.code);
    const run = spawnSync(process.execPath, ["--expose-gc", file], { encoding: "utf8", cwd: WORK });
    expect(run.stderr).toBe("");
    // holder(n) returns (n + 1) + (n + 3) + 3; the markers are made by the first activations (a
    // resume continues after the await), which suspend on a pending call.
    expect(JSON.parse(run.stdout)).toEqual({ total: 2 * (0 + 1 + 2 + 3 + 4) + 5 * 7, activations: 5, alive: 0 });
  });
});
