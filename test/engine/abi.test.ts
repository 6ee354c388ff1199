// A transformed module carries the ABI its transformer wrote (`$rt.module(path, N)`,
// runtime/abi.ts); the runtime refuses one built for another ABI at load time, with
// a message naming the module and both versions, instead of misbehaving at its first await.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";
import { ABI } from "../../runtime/abi.js";

const ROOT = resolve(import.meta.dirname, "../..");
// Inside the repo, so that `dispatch-ts/internal` resolves to dist/ by self-reference.
const WORK = join(ROOT, ".cache", `abi-${process.pid}`);
const SOURCE = `"use durable";\nexport async function twice(x) { const y = await x; return y * 2; }\nconsole.log(await twice(21));\n`;

let code = "";
beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  const t = transformSource(SOURCE, { fileName: join(WORK, "twice.js"), root: WORK });
  expect(t.diagnostics).toEqual([]);
  code = t.code;
});
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

function load(name: string, text: string): { status: number | null; stdout: string; stderr: string } {
  const file = join(WORK, name);
  writeFileSync(file, text);
  return spawnSync(process.execPath, [file], { encoding: "utf8" });
}

describe("the runtime's ABI check", () => {
  it("a module transformed by this transformer loads and runs", () => {
    expect(code).toContain(`$rt.module("twice.js", ${ABI})`);
    const run = load("current.mjs", code);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("42");
  });

  it("a module written for another ABI is refused at load time, naming it and both versions", () => {
    const run = load("other.mjs", code.replace(`$rt.module("twice.js", ${ABI})`, `$rt.module("twice.js", ${ABI + 1})`));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`dispatch-ts: twice.js was transformed for ABI ${ABI + 1}, but this runtime (dispatch-ts/internal) implements ABI ${ABI}`);
  });

  it("a module from a transformer that wrote no ABI (ABI 1) is refused too", () => {
    const run = load("none.mjs", code.replace(`$rt.module("twice.js", ${ABI})`, `$rt.module("twice.js")`));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("dispatch-ts: twice.js was transformed for an older ABI (1, which wrote none)");
  });
});
