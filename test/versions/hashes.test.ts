// Versions from the syntax tree: what an edit does to the layout and body
// hashes of each frame of test/versions/programs/orders.ts, how a version pin
// is read, and the build's refusal of a pin over a layout change, with the
// file, line and column of the pin. (What the hashes mean for a suspended call
// is test/versions/resume-across-builds.test.ts.)
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { join, resolve } from "node:path";
import { transformSource, formatDiagnostic } from "../../transformer/transform-source.js";
import { serializeManifest, parseManifest, type Manifest, type ManifestFrame } from "../../runtime/manifest/index.js";
import { both, edits, pin, type Edit } from "./edits.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SOURCE_PATH = join(ROOT, "test/versions/programs/orders.ts");
const SOURCE = readFileSync(SOURCE_PATH, "utf8");
const ID = "test/versions/programs/orders.ts#";

function build(edit: Edit = (s) => s, previousManifest?: Manifest) {
  const r = transformSource(edit(SOURCE), { fileName: SOURCE_PATH, root: ROOT, previousManifest });
  return { ...r, errors: r.diagnostics.map(formatDiagnostic), byName: new Map(r.manifest.map((f) => [f.id.slice(ID.length), f])) };
}

const hashes = (frames: Map<string, ManifestFrame>) => Object.fromEntries([...frames].map(([n, f]) => [n, [f.layout, f.body]]));
const manifestOf = (frames: ManifestFrame[]): Manifest => parseManifest(serializeManifest(frames), "test");

describe("version hashes", () => {
  const base = build();

  it("records every frame: id, kind, wire name, layout, body and version (the body hash when unpinned)", () => {
    expect(base.errors).toEqual([]);
    expect([...base.byName.keys()]).toEqual(["price", "priced", "checkout"]);
    const checkout = base.byName.get("checkout")!;
    expect(checkout).toEqual({
      id: `${ID}checkout`,
      kind: "function",
      wireName: "checkout",
      layout: expect.stringMatching(/^[0-9a-f]{16}$/),
      body: expect.stringMatching(/^[0-9a-f]{16}$/),
      version: checkout.body,
      pinned: false,
      suspends: true,
      line: 16,
      versions: { [checkout.body]: checkout.layout },
    });
    expect(base.byName.get("priced")).not.toHaveProperty("wireName");
    expect(base.byName.get("priced")!.kind).toBe("helper");
    // price has no await: no state ever holds a frame of it.
    expect(base.byName.get("price")!.suspends).toBe(false);
  });

  it.each(["comments", "formatting", "types"] as const)("a %s-only edit changes no hash", (name) => {
    const edited = build(edits[name]);
    expect(edited.errors).toEqual([]);
    expect(edited.code).not.toBe(base.code);
    expect(hashes(edited.byName)).toEqual(hashes(base.byName));
  });

  it.each([
    ["caller", ["checkout"]],
    ["helper", ["priced"]],
    ["closure", ["checkout"]],
  ] as const)("an edit of the %s changes that frame's body hash, not its layout, and no other frame", (name, changed) => {
    const edited = build(edits[name]);
    for (const [fn, f] of edited.byName) {
      const before = base.byName.get(fn)!;
      expect(f.layout, fn).toBe(before.layout);
      expect(f.body !== before.body, fn).toBe((changed as readonly string[]).includes(fn));
    }
  });

  it("a new await changes the layout", () => {
    expect(build(edits.layout).byName.get("checkout")!.layout).not.toBe(base.byName.get("checkout")!.layout);
  });

  it("tells apart what only the tree's shape or a node's own text says", () => {
    const bodyOf = (body: string) => build(() => `import * as dispatch from "dispatch-ts";\nexport const f = dispatch.function(async function f(a: number, b: number, c: number) { ${body} });`).byName.get("f")!.body;
    const distinct = ["return (a + b) * c;", "return a + b * c;", "return -a;", "return !a;", "let x = a; return x;", "const x = a; return x;", "return a++;", "return ++a;", "return `${a}`;", "return String.raw`\\n${a}`;"];
    expect(new Set(distinct.map(bodyOf)).size).toBe(distinct.length);
    expect(bodyOf("return 0x10 + 1_000;")).toBe(bodyOf("return 16 + 1000;"));
    expect(bodyOf("return 'x';")).toBe(bodyOf('return "x";'));
  });

  it("skips what type erasure removes, and only that", () => {
    const bodyOf = (body: string) => build(() => `import * as dispatch from "dispatch-ts";\nexport const f = dispatch.function(async function f(a: any) { ${body} });`).byName.get("f")!.body;
    const erased: [string, string][] = [
      ["class C implements I { private x: number = 1; declare y: string; m(): void; m(b?: any) {} } return C;", "class C { x = 1; m(b) {} } return C;"],
      ["return a!?.b!.c;", "return a?.b.c;"],
      ["return <any>a;", "return a;"],
      ["const g = a<string>; return g;", "const g = a; return g;"],
      ["class D extends a<number> {} return D;", "class D extends a {} return D;"],
      ["class P { constructor(private readonly q: number) {} } return P;", "class P { constructor(public q) {} } return P;"],
    ];
    for (const [typed, plain] of erased) expect(bodyOf(typed), typed).toBe(bodyOf(plain));
    // A parameter property is code (it assigns a field), whatever its modifier.
    expect(bodyOf("class P { constructor(private q: number) {} } return P;")).not.toBe(bodyOf("class P { constructor(q: number) {} } return P;"));
  });
});

describe("version pins", () => {
  it("a pin is the frame's version and is compiled into its descriptor", () => {
    const pinned = build(pin("2024-06"));
    expect(pinned.errors).toEqual([]);
    expect(pinned.byName.get("checkout")).toMatchObject({ version: "2024-06", pinned: true, body: build().byName.get("checkout")!.body });
    expect(pinned.code).toMatch(/\$m\.fn\('\{"name":"checkout",.*"version":"2024-06"/);
  });

  it("a pin must be a string literal of a few safe characters", () => {
    const dynamic = build((s) => s.replace("dispatch.function(async function checkout", "dispatch.function({ version: String(2) }, async function checkout"));
    expect(dynamic.errors).toEqual([
      `${SOURCE_PATH}:16:45: cannot read the version pin: \`version\` must be a string literal, so that the build can record it in the manifest and check it against the previous one`,
    ]);
    expect(build(pin("v 1")).errors[0]).toMatch(/cannot read the version pin "v 1": a version is 1 to 64 letters/);
  });

  it("a pin over a body change is accepted and keeps the version", () => {
    const before = manifestOf(build(pin("2024-06")).manifest);
    const after = build(both(pin("2024-06"), edits.caller), before);
    expect(after.errors).toEqual([]);
    expect(after.byName.get("checkout")!.version).toBe("2024-06");
  });

  it("a pin over a layout change is refused at the pin, and stays refused in the next build", () => {
    const before = manifestOf(build(pin("2024-06")).manifest);
    const oldLayout = before.frames.find((f) => f.id === `${ID}checkout`)!.layout;
    const refused = build(both(pin("2024-06"), edits.layout), before);
    expect(refused.errors).toHaveLength(1);
    const newLayout = refused.byName.get("checkout")!.layout;
    expect(refused.errors[0]).toBe(
      `${SOURCE_PATH}:16:45: cannot keep version "2024-06" of checkout: its frame layout changed since that version was built ` +
        `(layout ${oldLayout} in the previous manifest, ${newLayout} now: the awaits, or the locals live across them, differ), ` +
        `so calls suspended under "2024-06" could not resume in this code. ` +
        `Give it a new version to let those calls restart from their input (INCOMPATIBLE_STATE), or undo the change to the awaits and locals`,
    );
    // The refused build's manifest keeps the old layout of "2024-06": building again does not launder it.
    const again = build(both(pin("2024-06"), edits.layout), manifestOf(refused.manifest));
    expect(again.errors).toHaveLength(1);
    // A new version is a deliberate break: accepted, and both versions are in the history.
    const bumped = build(both(pin("2024-07"), edits.layout), manifestOf(refused.manifest));
    expect(bumped.errors).toEqual([]);
    expect(Object.keys(bumped.byName.get("checkout")!.versions).sort()).toEqual(["2024-06", "2024-07"]);
  });

  it("pinning the body hash of an unpinned deploy keeps its calls; over a layout change it is refused too", () => {
    const before = manifestOf(build().manifest);
    const deployed = before.frames.find((f) => f.id === `${ID}checkout`)!.version;
    expect(build(both(pin(deployed), edits.caller), before).errors).toEqual([]);
    expect(build(both(pin(deployed), edits.layout), before).errors[0]).toMatch(/cannot keep version "[0-9a-f]{16}" of checkout: its frame layout changed/);
  });
});

describe("hashes over the fixture corpus", () => {
  // TypeScript's own type erasure, with comments removed and its own layout, must change no hash of
  // any durable function of any fixture: the strongest form of "comments, formatting, types".
  it("TypeScript's emitted JavaScript of each fixture has the hashes of its source", () => {
    const files = readdirSync(join(ROOT, "fixtures"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(300);
    let frames = 0;
    const differ: string[] = [];
    for (const rel of files) {
      const fileName = join(ROOT, "fixtures", rel);
      const source = readFileSync(fileName, "utf8");
      const js = ts.transpileModule(source, { fileName, compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, removeComments: true, useDefineForClassFields: true } }).outputText;
      const hashes = (code: string) => transformSource(code, { fileName, root: ROOT, mode: "all-async" }).manifest.map((f) => `${f.id} ${f.layout} ${f.body}`);
      const [a, b] = [hashes(source), hashes(js)];
      frames += a.length;
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(rel);
    }
    expect(differ).toEqual([]);
    expect(frames).toBeGreaterThan(300);
  }, 240_000); // ~800 transforms: ~30 s alone on 2 cores, several times that on a loaded machine
});
