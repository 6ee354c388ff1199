// `dispatch-ts check --compat OLD NEW` on the manifests of real builds of
// test/versions/programs/orders.ts: it lists exactly the frames whose
// in-flight calls the deploy would strand, with the reason, and exits 1 when
// there are any, 0 when every suspended call would resume.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";
import { serializeManifest, type ManifestFrame } from "../../runtime/manifest/index.js";
import { main } from "../../runtime/cli/cli.js";
import { both, edits, pin, type Edit } from "./edits.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `check-compat-${process.pid}`);
const SOURCE_PATH = join(ROOT, "test/versions/programs/orders.ts");
const SOURCE = readFileSync(SOURCE_PATH, "utf8");
const ID = "test/versions/programs/orders.ts#";

const legacy = (s: string) => `${s}\nexport const legacy = dispatch.function(async function legacy() {\n  return await price("old");\n});\n`;
const renamePrice = (s: string) => s.replace("dispatch.function(async function price", 'dispatch.function({ name: "price_v2" }, async function price');

let written = 0;
/** Builds the edited program and writes its manifest; returns the path and the frames by name. */
function manifest(edit: Edit): { path: string; frame: (name: string) => ManifestFrame } {
  const r = transformSource(edit(SOURCE), { fileName: SOURCE_PATH, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  const path = join(WORK, `manifest-${++written}.json`);
  writeFileSync(path, serializeManifest(r.manifest));
  return { path, frame: (name) => r.manifest.find((f) => f.id === ID + name)! };
}

async function check(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(["check", ...argv], { out: (t) => (stdout += t + "\n"), err: (t) => (stderr += t + "\n") });
  return { code, stdout, stderr };
}

beforeAll(() => mkdirSync(WORK, { recursive: true }));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("dispatch-ts check --compat", () => {
  it("says compatible and exits 0 after comment and type edits", async () => {
    const old = manifest((s) => s);
    const next = manifest(both(edits.comments, edits.types));
    expect(await check("--compat", old.path, next.path)).toEqual({
      code: 0,
      stdout: "compatible: the states of all 3 frames of the old build resume in the new one\n3 frames compatible\n",
      stderr: "",
    });
  });

  it("lists exactly the stranded frames, each with its reasons, and exits 1", async () => {
    const old = manifest(legacy);
    const next = manifest(both(edits.caller, edits.helper, renamePrice));
    const [c0, c1, h0, h1] = [old.frame("checkout"), next.frame("checkout"), old.frame("priced"), next.frame("priced")];
    const r = await check("--compat", old.path, next.path);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "incompatible: 4 of 4 frames would strand their in-flight calls (INCOMPATIBLE_STATE at resume):",
        "",
        `  checkout (function ${ID}checkout)`,
        `    body changed: version ${c0.version} -> ${c1.version}; if the change is safe for suspended calls, pin { version: "${c0.version}" }`,
        "",
        `  legacy (function ${ID}legacy)`,
        "    removed: the new build has no frame with this id (renamed, moved to another file, or deleted)",
        "",
        `  price (function ${ID}price)`,
        "    wire name changed: price -> price_v2 (calls addressed to price find no function)",
        "",
        `  ${ID}priced (durable helper: calls suspended inside it)`,
        `    body changed: version ${h0.version} -> ${h1.version}; if the change is safe for suspended calls, pin { version: "${h0.version}" }`,
        "",
        "0 frames compatible",
        "",
      ].join("\n"),
    );
    expect(r.code).toBe(1);
  });

  it("counts a body change under a kept pin as compatible, and a new function as new", async () => {
    const old = manifest(pin("2024-06"));
    const next = manifest(both(pin("2024-06"), edits.caller, legacy));
    expect(await check("--compat", old.path, next.path)).toEqual({
      code: 0,
      stdout: `compatible: the states of all 3 frames of the old build resume in the new one\n3 frames compatible; 1 body change kept by a version pin (${ID}checkout); 1 new frame\n`,
      stderr: "",
    });
  });

  it("ignores an edit of a body without awaits (no state holds its frame), not a change of its wire name", async () => {
    const old = manifest((s) => s);
    const next = manifest((s) => s.replace("return item.length * 10;", "return item.length * 11;"));
    expect(next.frame("price").body).not.toBe(old.frame("price").body);
    expect(await check("--compat", old.path, next.path)).toMatchObject({ code: 0, stdout: "compatible: the states of all 3 frames of the old build resume in the new one\n3 frames compatible\n" });
  });

  it("names a layout change, which no pin keeps, and a changed pin", async () => {
    const old = manifest(pin("2024-06"));
    const next = manifest(both(pin("2024-07"), edits.layout));
    const r = await check("--compat", old.path, next.path, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      stranded: [
        {
          id: `${ID}checkout`,
          kind: "function",
          wireName: "checkout",
          reasons: [
            `layout changed: ${old.frame("checkout").layout} -> ${next.frame("checkout").layout} (resume points or the locals live at them; no pin can keep this)`,
            "version pin changed: 2024-06 -> 2024-07",
          ],
        },
      ],
      compatible: 2,
      keptByPin: [],
      added: 0,
    });
  });

  it("refuses a manifest it cannot read, naming the file and what is wrong", async () => {
    const good = manifest((s) => s).path;
    const bad = join(WORK, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: 2, frames: [] }));
    expect(await check("--compat", good, bad)).toEqual({ code: 1, stdout: "", stderr: `dispatch-ts: cannot read manifest ${bad}: format must be 1 (a manifest of another dispatch-ts version?), got 2\n` });
    writeFileSync(bad, JSON.stringify({ format: 1, frames: [{ id: "a.ts#f", kind: "function", layout: "xyz" }] }));
    expect((await check("--compat", good, bad)).stderr).toBe(`dispatch-ts: cannot read manifest ${bad}: frames[0].layout must be 16 hex digits, got "xyz"\n`);
    expect((await check("--compat", good, join(WORK, "nope.json"))).stderr).toBe(`dispatch-ts: cannot read manifest ${join(WORK, "nope.json")}: no such file\n`);
    expect(await check(good, good)).toMatchObject({ code: 2, stderr: 'dispatch-ts: cannot parse arguments: "check" needs --compat OLD NEW (see dispatch-ts --help)\n' });
    expect(await check("--compat", good)).toMatchObject({ code: 2, stderr: 'dispatch-ts: cannot parse arguments: "check --compat" takes two manifests (OLD NEW), got 1 (see dispatch-ts --help)\n' });
  });

  it("exits with its code from the installed command", () => {
    const old = manifest((s) => s).path;
    const next = manifest(edits.closure).path;
    const r = spawnSync(process.execPath, [join(ROOT, "dist/runtime/cli/main.js"), "check", "--compat", old, next], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^incompatible: 1 of 3 frames would strand their in-flight calls/);
    expect(spawnSync(process.execPath, [join(ROOT, "dist/runtime/cli/main.js"), "check", "--compat", old, old]).status).toBe(0);
  });
});
