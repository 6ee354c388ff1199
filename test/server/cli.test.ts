// The CLI's command line and its refusals: parsed in this process through
// `main`, and the failures of `serve` that involve another process (a held
// folder, a busy port) with real ones.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../runtime/cli/cli.js";
import { formatDuration, table } from "../../runtime/cli/format.js";
import { CLI, Processes, ROOT, startScheduler } from "./support/processes.js";

const WORK = join(ROOT, ".cache", `server-cli-${process.pid}`);
const procs = new Processes();
afterEach(() => procs.killAll());
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { out: (t) => (stdout += t + "\n"), err: (t) => (stderr += t + "\n") });
  return { code, stdout, stderr };
}

const refusal = (message: string) => ({ code: 2, stdout: "", stderr: `dispatch-ts: ${message} (see dispatch-ts --help)\n` });

describe("dispatch-ts command line", () => {
  it("prints its usage", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: dispatch-ts <command> \[flags\]\n/);
    expect((await cli()).code).toBe(2);
  });

  it("refuses what it cannot parse, naming the flag and the command", async () => {
    expect(await cli("deploy")).toEqual(refusal('cannot parse arguments: unknown command "deploy"'));
    expect(await cli("calls", "--stauts", "failed")).toEqual(refusal('cannot parse arguments: unknown flag --stauts for "calls"'));
    expect(await cli("calls", "-s")).toEqual(refusal('cannot parse arguments: unknown flag -s for "calls"'));
    expect(await cli("calls", "--dir")).toEqual(refusal("cannot parse arguments: --dir needs a value"));
    expect(await cli("calls", "--dir", "--all")).toEqual(refusal("cannot parse arguments: --dir needs a value"));
    expect(await cli("calls", "--all=yes")).toEqual(refusal("cannot parse arguments: --all takes no value"));
    expect(await cli("calls", "--limit", "0")).toEqual(refusal('cannot parse arguments: --limit must be an integer in 1..10000, got "0"'));
    expect(await cli("calls", "extra")).toEqual(refusal('cannot parse arguments: unexpected "extra" for "calls"'));
    expect(await cli("show")).toEqual(refusal('cannot parse arguments: "show" takes one call id, got 0'));
    expect(await cli("serve", "--endpoint", "ftp://x")).toEqual(refusal('cannot parse arguments: --endpoint must be an http or https URL, got "ftp://x"'));
    expect(await cli("serve", "--addr", "8000", "--dir", join(WORK, "addr"))).toEqual(refusal('cannot parse arguments: --addr: expected host:port, got "8000"'));
  });

  it("formats tables and durations", () => {
    expect(table(["A", "LONG HEADER"], [["wide cell", "x"]])).toBe("A          LONG HEADER\nwide cell  x");
    expect([5, 1500, 65_000, 3_700_000, 90_000_000].map(formatDuration)).toEqual(["5 ms", "1.5 s", "1m 05s", "1h 01m", "1d 01h"]);
  });
});

describe("dispatch-ts serve and run refusals", () => {
  it("a folder held by another scheduler process", async () => {
    const dir = join(WORK, "held");
    const first = await startScheduler(procs, dir);
    const second = await procs.run(process.execPath, [CLI, "serve", "--dir", dir, "--addr", "127.0.0.1:0"]);
    expect(second).toEqual({
      code: 1,
      stdout: "",
      stderr: `dispatch-ts: cannot start scheduler: cannot open store folder "${dir}": it is in use by process ${first.started.child.pid}; close that scheduler first (lock file ${dir}/lock)\n`,
    });
  }, 30_000);

  it("a bad DISPATCH_* variable", async () => {
    const r = await procs.run(process.execPath, [CLI, "run", "--dir", join(WORK, "env"), "--", "true"], { env: { DISPATCH_ENDPOINT_ADDR: "8000" } });
    expect(r).toEqual({ code: 1, stdout: "", stderr: 'dispatch-ts: cannot read DISPATCH_ENDPOINT_ADDR: expected host:port, got "8000"\n' });
  }, 30_000);

  it("a port in use", async () => {
    const first = await startScheduler(procs, join(WORK, "port-1"));
    const addr = first.url.replace("http://", "");
    const second = await procs.run(process.execPath, [CLI, "serve", "--dir", join(WORK, "port-2"), "--addr", addr]);
    expect(second).toEqual({ code: 1, stdout: "", stderr: `dispatch-ts: cannot listen on ${addr}: the address is in use\n` });
  }, 30_000);
});
