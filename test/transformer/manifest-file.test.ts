// The manifest file of a tspc build, kept up to date file by file: what a
// build that starts from a previous manifest keeps, replaces and drops, and
// that an unchanged manifest is not rewritten.
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
    expect(ids(path)).toEqual(["src/a.ts#f", "src/a.ts#g", "src/b.ts#h"]);
    expect(readManifestFile(path)!.frames[0]!.body).toBe("00000000000000b1");
    file.update("src/b.ts", []);
    expect(ids(path)).toEqual(["src/a.ts#f", "src/a.ts#g"]);
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
