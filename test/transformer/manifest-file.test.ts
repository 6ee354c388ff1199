// The manifest file of a tspc build: what a build that starts from a previous
// manifest keeps, replaces and drops, when the file is written (once for a
// full build; soon, and before anyone reads it, for a partial one), and that
// an unchanged manifest is not rewritten.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ManifestFile, readManifestFile } from "../../transformer/manifest-file.js";
import { parseManifest, serializeManifest, type ManifestFrame } from "../../runtime/manifest/manifest.js";

const WORK = join(resolve(import.meta.dirname, "../.."), ".cache", `manifest-file-${process.pid}`);
mkdirSync(WORK, { recursive: true });
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

const LAYOUT = "0123456789abcdef";
function frame(id: string, body = "00000000000000b0"): ManifestFrame {
  return { id, kind: "function", wireName: null, layout: LAYOUT, body, version: body, pinned: false, suspends: true, line: 1, versions: { [body]: LAYOUT } };
}
const ids = (path: string): string[] => parseManifest(readFileSync(path, "utf8"), path).frames.map((f) => f.id);

describe("ManifestFile", () => {
  it("starts from the previous manifest, keeping only modules still in the program", () => {
    const path = join(WORK, "a", "dispatch-manifest.json");
    const previous = { format: 1 as const, frames: [frame("src/a.ts#f"), frame("src/gone.ts#g")] };
    new ManifestFile(path, previous, new Set(["src/a.ts"]));
    expect(ids(path)).toEqual(["src/a.ts#f"]);
  });

  it("replaces one module's records, and drops them when the module has no frames left", () => {
    const path = join(WORK, "b", "dispatch-manifest.json");
    const file = new ManifestFile(path, { format: 1, frames: [frame("src/a.ts#f"), frame("src/b.ts#h")] }, new Set(["src/a.ts", "src/b.ts"]));
    file.update("src/a.ts", [frame("src/a.ts#f", "00000000000000b1"), frame("src/a.ts#g")]);
    file.update("src/b.ts", []);
    expect(ids(path)).toEqual(["src/a.ts#f", "src/a.ts#g"]);
    expect(readManifestFile(path)!.frames[0]!.body).toBe("00000000000000b1");
  });

  it("is written once every module is in, not once per module", () => {
    const path = join(WORK, "full", "dispatch-manifest.json");
    new ManifestFile(path, undefined, new Set()); // an empty manifest from an earlier build
    const start = readFileSync(path, "utf8");
    const file = new ManifestFile(path, undefined, new Set(["src/a.ts", "src/b.ts"]));
    file.update("src/a.ts", [frame("src/a.ts#f")]);
    expect(readFileSync(path, "utf8")).toBe(start);
    file.update("src/b.ts", [frame("src/b.ts#h")]);
    expect(ids(path)).toEqual(["src/a.ts#f", "src/b.ts#h"]);
  });

  it("after an emit of some modules only, is written when the emit's synchronous work is done", async () => {
    const path = join(WORK, "partial", "dispatch-manifest.json");
    const file = new ManifestFile(path, { format: 1, frames: [frame("src/b.ts#h")] }, new Set(["src/a.ts", "src/b.ts"]));
    file.update("src/a.ts", [frame("src/a.ts#f")]);
    await new Promise((r) => setImmediate(r));
    expect(ids(path)).toEqual(["src/a.ts#f", "src/b.ts#h"]);
  });

  it("writes a pending update before that manifest is read (one plugin instance per file, as an incremental build makes)", () => {
    const path = join(WORK, "incremental", "dispatch-manifest.json");
    const modules = new Set(["src/a.ts", "src/b.ts"]);
    const first = new ManifestFile(path, readManifestFile(path), modules);
    first.update("src/a.ts", [frame("src/a.ts#f")]);
    const second = new ManifestFile(path, readManifestFile(path), modules);
    second.update("src/b.ts", [frame("src/b.ts#h")]);
    second.flush();
    expect(ids(path)).toEqual(["src/a.ts#f", "src/b.ts#h"]);
  });

  it("assembles the same text as one JSON.stringify of the whole manifest", () => {
    const frames = [frame("src/b.ts#h"), { ...frame("src/a.ts#f"), wireName: null }, { ...frame("src/a.ts#g"), kind: "helper" as const, versions: {} }];
    const sorted = [...frames].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(serializeManifest(frames)).toBe(JSON.stringify({ format: 1, frames: sorted }, null, 2) + "\n");
    expect(serializeManifest([])).toBe(JSON.stringify({ format: 1, frames: [] }, null, 2) + "\n");
  });

  it("does not rewrite the file when nothing changed", () => {
    const path = join(WORK, "c", "dispatch-manifest.json");
    const file = new ManifestFile(path, undefined, new Set(["src/a.ts"]));
    file.update("src/a.ts", [frame("src/a.ts#f")]);
    // Someone else's bytes in the file: an update with the same records leaves them.
    writeFileSync(path, "sentinel");
    file.update("src/a.ts", [frame("src/a.ts#f")]);
    expect(readFileSync(path, "utf8")).toBe("sentinel");
    // The first build over an existing identical file does not write it either.
    writeFileSync(path, serializeManifest([frame("src/a.ts#f")]));
    const before = readFileSync(path, "utf8");
    new ManifestFile(path, readManifestFile(path), new Set(["src/a.ts"]));
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("reads no manifest as undefined, and refuses a bad one naming the file", () => {
    expect(readManifestFile(join(WORK, "none.json"))).toBeUndefined();
    const bad = join(WORK, "bad.json");
    writeFileSync(bad, "{ not json");
    expect(() => readManifestFile(bad)).toThrow(bad);
  });
});
