// Stack traces from inside lowered code name the original .ts file and line
// under `node --enable-source-maps`: for tspc output (tsc's sourceMap option)
// and for transformSource's map (the one the Vite plugin hands to Vite),
// before and after a resume. "After a resume" is meant literally: the
// scheduled function suspends to bytes at each durable call and a new
// activation continues it from the decoded frame (embedded runner), and the
// helpers run once more with DISPATCH_SUSPEND_EVERY_AWAIT=1, where every await
// is a round trip through bytes.
//
// The program (test/e2e/source-map-project) marks each throwing line with a
// `line:<name>` comment; the expected lines are read from the sources.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertBuilt, createTempProject, ROOT, type RunResult, type TempProject } from "./support/temp-project.js";
import { transformSource } from "../../transformer/transform-source.js";

const SOURCES = join(ROOT, "test/e2e/source-map-project/src");

/** file:line of each `line:<name>` marker. */
function markers(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(SOURCES)) {
    readFileSync(join(SOURCES, file), "utf8")
      .split("\n")
      .forEach((text, i) => {
        const m = /\/\/ line:([\w-]+)/.exec(text);
        if (m) out.set(m[1]!, `${file}:${i + 1}`);
      });
  }
  return out;
}

/** The file:line a printed frame points at, e.g. "traced.ts:15" for "at traced (/x/src/traced.ts:15:5)". */
function fileLine(frame: string): string {
  const m = /\/src\/([\w-]+\.ts):(\d+):\d+\)?$/.exec(frame);
  return m ? `${m[1]}:${m[2]}` : `not a frame in src/*.ts: ${frame}`;
}

interface Printed {
  scheduled: Record<string, string>;
  escaped: Record<string, string>;
}

const projects: Record<"tspc" | "transformSource", TempProject> = {} as never;
let compiled: RunResult;

beforeAll(async () => {
  assertBuilt();
  projects.tspc = createTempProject({ sources: SOURCES, type: "module" });
  projects.tspc.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", sourceMap: true });
  // transformSource: each module next to its source, with the map it returns (what Vite receives).
  projects.transformSource = createTempProject({ sources: SOURCES, type: "module" });
  for (const file of readdirSync(SOURCES)) {
    const path = join(projects.transformSource.dir, "src", file);
    const r = transformSource(readFileSync(path, "utf8"), { fileName: path, root: projects.transformSource.dir });
    expect(r.diagnostics).toEqual([]);
    expect(r.map).toBeDefined();
    writeFileSync(path.replace(/\.ts$/, ".js"), r.code);
    writeFileSync(path.replace(/\.ts$/, ".js.map"), r.map!);
  }
  compiled = await projects.tspc.tspc();
}, 120_000);

afterAll(() => {
  for (const p of Object.values(projects)) p?.remove();
});

const expected = (): Printed => {
  const at = markers();
  return {
    scheduled: {
      before: at.get("before-resume")!,
      after: at.get("after-resume")!,
      construct: at.get("construct")!,
      destructure: at.get("destructure")!,
      loop: at.get("in-loop")!,
    },
    escaped: { before: at.get("escapes-before")!, after: at.get("escapes-after")! },
  };
};

async function framesOf(project: TempProject, entry: string, env: Record<string, string>): Promise<Printed> {
  const r = await project.node(entry, env, ["--enable-source-maps"]);
  expect(r.stderr).toBe("");
  const printed = JSON.parse(r.stdout) as Printed;
  const lines = (o: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fileLine(v)]));
  return { scheduled: lines(printed.scheduled), escaped: lines(printed.escaped) };
}

describe("source maps of lowered code", () => {
  it("tspc compiles the program with sourceMap", () => {
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    expect(projects.tspc.read("out/traced.js.map")).toContain('"sources":["../src/traced.ts"]');
  });

  describe.each([
    ["tspc (sourceMap)", "tspc", "out/main.js"],
    ["transformSource's map", "transformSource", "src/main.js"],
  ] as const)("%s", (_name, which, entry) => {
    it("frames point at the original lines, before and after a resume from bytes", async () => {
      expect(await framesOf(projects[which], entry, {})).toEqual(expected());
    });

    it("frames point at the original lines when every await is a round trip through bytes", async () => {
      expect(await framesOf(projects[which], entry, { DISPATCH_SUSPEND_EVERY_AWAIT: "1" })).toEqual(expected());
    });
  });
});
