// A deploy on the embedded scheduler, with a real SQLite store and real
// processes: build A of test/versions/programs/deployed.ts suspends a call and
// its process is killed; build B runs the same call again on the same folder.
// After a comment-only edit the call resumes from A's state (started by A,
// finished by B); after an edit of its body the resume answers
// INCOMPATIBLE_STATE and the scheduler restarts the call from its input, so B
// runs it from the start.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { transformSource } from "../../transformer/transform-source.js";
import { openSqliteStore } from "../../runtime/scheduler/store/index.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `deploy-embedded-${process.pid}`);
const SOURCE_PATH = join(ROOT, "test/versions/programs/deployed.ts");
const SOURCE = readFileSync(SOURCE_PATH, "utf8");
const RUN = join(ROOT, "test/versions/run-deployed.mjs");

function build(name: string, code: string): string {
  const r = transformSource(code, { fileName: SOURCE_PATH, root: ROOT });
  expect(r.diagnostics).toEqual([]);
  const file = join(WORK, `${name}.js`);
  writeFileSync(file, r.code);
  return file;
}

function runIn(dir: string, module: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [RUN, module, dir], { cwd: ROOT, encoding: "utf8", timeout: 30_000, env: { ...process.env, DISPATCH_STATE_KEY: "", DISPATCH_NATIVE: "", DISPATCH_SUSPEND_EVERY_AWAIT: "", ...env } });
  return { signal: r.signal, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The root call as the store holds it: its function, status, completed steps and restarts. */
async function rootCall(dir: string) {
  const store = await openSqliteStore({ folder: dir });
  try {
    const roots = await store.listCalls({ rootsOnly: true, limit: 10 });
    return roots.map((c) => ({ function: c.function, status: c.status, step: c.step, restarts: c.restarts }));
  } finally {
    await store.close();
  }
}

/** Build A suspends and dies; build B runs the same call on the same folder. */
async function deploy(name: string, after: string) {
  const dir = join(WORK, `${name}.dispatch`);
  const first = runIn(dir, build(`${name}-a`, SOURCE), { BUILD: "A", HALT: "1" });
  expect(first.signal, first.stderr).toBe("SIGKILL");
  // A's state is in the store before B starts, whatever B then does with it.
  expect(await rootCall(dir)).toEqual([{ function: "deployed", status: "waiting", step: 1, restarts: 0 }]);
  const second = runIn(dir, build(`${name}-b`, after), { BUILD: "B", HALT: "0" });
  expect(second.status, second.stderr).toBe(0);
  return { result: JSON.parse(second.stdout) as Record<string, unknown>, root: await rootCall(dir) };
}

let results: Record<string, Awaited<ReturnType<typeof deploy>>>;

beforeAll(async () => {
  mkdirSync(WORK, { recursive: true });
  results = {
    comment: await deploy("comment", SOURCE.replace("const mark = await halt(label);", "// the deploy happens here\n  const mark = await halt(label); /* resumed */")),
    body: await deploy("body", SOURCE.replace("return { startedBy, finishedBy: process.env.BUILD, mark };", "return { startedBy, finishedBy: process.env.BUILD, mark, edited: true };")),
  };
}, 60_000);

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("a deploy while a call is suspended, on the embedded scheduler", () => {
  it("a comment-only edit resumes the call from the state the old build saved", () => {
    expect(results.comment.result).toEqual({ startedBy: "A", finishedBy: "B", mark: "order-7 halted" });
    expect(results.comment.root).toMatchObject([{ function: "deployed", status: "succeeded", restarts: 0 }]);
  });

  it("an edit of the body answers INCOMPATIBLE_STATE, and the scheduler runs the call again from its input", () => {
    expect(results.body.result).toEqual({ startedBy: "B", finishedBy: "B", mark: "order-7 halted", edited: true });
    expect(results.body.root).toMatchObject([{ function: "deployed", status: "succeeded", restarts: 1 }]);
  });
});
