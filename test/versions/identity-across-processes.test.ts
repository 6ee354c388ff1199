// DESIGN decision 8 across processes: a module singleton, an imported
// function, a class (and an instance's prototype, and a module-level symbol)
// held in a durable frame are written as references, so that after the state's
// bytes are resumed in a FRESH process they are `===` to that process's own
// module bindings. (test/codec/identity.test.ts covers sharing and cycles
// within one state, in one process.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `identity-${process.pid}`);
const PROGRAMS = join(ROOT, "test/versions/programs/identity");
const DRIVER = join(ROOT, "test/support/resume-driver.mjs");

let resumed: { savedBy: number; resumedBy: number; status: number; output: Record<string, unknown> };

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  for (const name of ["formats", "holder"]) {
    const file = join(PROGRAMS, `${name}.ts`);
    const r = transformSource(readFileSync(file, "utf8"), { fileName: file, root: ROOT });
    expect(r.diagnostics).toEqual([]);
    writeFileSync(join(WORK, `${name}.js`), r.code);
  }
  const state = join(WORK, "state.json");
  execFileSync(process.execPath, [DRIVER, "start", join(WORK, "holder.js"), "hold", "[]", state], { cwd: ROOT });
  resumed = JSON.parse(execFileSync(process.execPath, [DRIVER, "resume", join(WORK, "holder.js"), state], { cwd: ROOT, encoding: "utf8" }));
}, 60_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("identity of module bindings after a resume in a fresh process", () => {
  it("the state was saved by one process and resumed by another", () => {
    expect(resumed.status).toBe(1);
    expect(resumed.savedBy).not.toBe(resumed.resumedBy);
  });

  it("a module singleton is the resuming process's own object, not a copy of the saver's", () => {
    expect(resumed.output.singleton).toBe(true);
    expect(resumed.output.singletonLoadedBy).toBe(resumed.resumedBy);
  });

  it("an imported function is the same function", () => {
    expect(resumed.output).toMatchObject({ importedFunction: true, said: "hi", shouted: "HI!" });
  });

  it("a class is the same class, and an instance's prototype is its prototype", () => {
    expect(resumed.output).toMatchObject({ klass: true, instance: true, instanceWorks: 5 });
  });

  it("a module-level symbol is the same symbol", () => {
    expect(resumed.output.symbol).toBe(true);
  });
});
