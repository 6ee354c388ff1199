// The version manifest through the real `tspc` binary: a build writes
// dispatch-manifest.json next to outDir, and the next build refuses a version
// pin whose frame layout changed with a real TypeScript diagnostic (file,
// line, column, what to do) without recording it (so a later build refuses
// it too), and accepts a new version. Slow (a TypeScript program per build), so the builds are few.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";
import { assertBuilt, createTempProject, type RunResult, type TempProject } from "./support/temp-project.js";
import { parseManifest, type Manifest } from "../../runtime/manifest/index.js";
import { both, edits, pin } from "../versions/edits.js";
import { transformSource } from "../../transformer/transform-source.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SOURCE = readFileSync(join(ROOT, "test/versions/programs/orders.ts"), "utf8");

let project: TempProject;
const steps: { build: RunResult; manifest: Manifest }[] = [];

beforeAll(async () => {
  assertBuilt();
  project = createTempProject({ sources: join(ROOT, "test/versions/programs/identity"), type: "module" });
  project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext" });
  // One deploy pinned "2024-06"; then a new await under the same pin (refused); then "2024-07".
  for (const edit of [pin("2024-06"), both(pin("2024-06"), edits.layout), both(pin("2024-07"), edits.layout)]) {
    project.write("src/orders.ts", edit(SOURCE));
    const build = await project.tspc();
    steps.push({ build, manifest: parseManifest(project.read("dispatch-manifest.json"), "dispatch-manifest.json") });
  }
}, 180_000);

afterAll(() => project?.remove());

const checkout = (m: Manifest) => m.frames.find((f) => f.id === "orders.ts#checkout")!;

describe("the version manifest of a tspc build", () => {
  it("is written next to outDir with every frame of the program, sorted by id", () => {
    const [first] = steps;
    expect(first!.build.code, first!.build.stdout + first!.build.stderr).toBe(0);
    expect(first!.manifest.frames.map((f) => [f.id, f.kind, f.wireName, f.version])).toEqual([
      ["formats.ts#echo", "function", "echo", expect.stringMatching(/^[0-9a-f]{16}$/)],
      ["holder.ts#hold", "function", "hold", expect.stringMatching(/^[0-9a-f]{16}$/)],
      ["orders.ts#checkout", "function", "checkout", "2024-06"],
      ["orders.ts#price", "function", "price", expect.stringMatching(/^[0-9a-f]{16}$/)],
      ["orders.ts#priced", "helper", undefined, expect.stringMatching(/^[0-9a-f]{16}$/)],
    ]);
  });

  it("has the records transformSource gives for the same sources: every front door agrees", () => {
    const sources: Record<string, string> = {
      "formats.ts": project.read("src/formats.ts"),
      "holder.ts": project.read("src/holder.ts"),
      "orders.ts": pin("2024-06")(SOURCE), // as the first build saw it
    };
    const records = Object.entries(sources).flatMap(([name, code]) => transformSource(code, { fileName: join(project.dir, "src", name), root: join(project.dir, "src") }).manifest);
    expect(steps[0]!.manifest.frames).toEqual(records.sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it("refuses a pin over a layout change with a TypeScript diagnostic at the pin", () => {
    const { build, manifest } = steps[1]!;
    const before = checkout(steps[0]!.manifest).layout;
    expect(build.code).not.toBe(0);
    expect(build.stdout).toBe(
      `src/orders.ts(16,45): error TS99001: cannot keep version "2024-06" of checkout: its frame layout changed since that version was built ` +
        `(layout ${before} in the previous manifest, ${checkout(manifest).layout} now: the awaits, or the locals live across them, differ), ` +
        `so calls suspended under "2024-06" could not resume in this code. ` +
        `Give it a new version to let those calls restart from their input (INCOMPATIBLE_STATE), or undo the change to the awaits and locals\n`,
    );
    // The refused build does not record the new layout as "2024-06"'s, so the next build refuses it too.
    expect(checkout(manifest).versions).toEqual({ "2024-06": before });
  });

  it("accepts a new version, and remembers the layout of both", () => {
    const { build, manifest } = steps[2]!;
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect(checkout(manifest)).toMatchObject({ version: "2024-07", pinned: true, versions: { "2024-06": checkout(steps[0]!.manifest).layout, "2024-07": checkout(manifest).layout } });
  });
});
