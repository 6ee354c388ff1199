// The language-service plugin in the real tsserver (node_modules/typescript/lib/tsserver.js),
// spoken to over stdio as an editor does: a user project whose tsconfig lists
// `{ "name": "dispatch-ts/language-service" }`, with dispatch-ts installed in its node_modules
// (a link to this repository). tsserver looks plugins up from its probe locations (an editor
// running the workspace's TypeScript probes the workspace's node_modules the same way),
// resolves the name without package exports and require()s it; the test opens files and
// asks for semanticDiagnosticsSync. A second server runs on a Node that cannot require() an
// ES module (as an editor's older bundled Node): the plugin then loads in the background and
// the diagnostics appear once it has.
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { assertBuilt, createTempProject, ROOT, type TempProject } from "../e2e/support/temp-project.js";

interface Diagnostic {
  start: { line: number; offset: number };
  code: number;
  text: string;
  category: string;
}

/** One tsserver process and its requests. */
class Server {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (response: unknown) => void>();
  private seq = 0;
  stderr = "";

  constructor(
    private readonly dir: string,
    readonly logFile: string,
    nodeArgs: string[] = [],
  ) {
    this.child = spawn(
      process.execPath,
      [...nodeArgs, join(ROOT, "node_modules/typescript/lib/tsserver.js"), "--pluginProbeLocations", dir, "--disableAutomaticTypingAcquisition", "--logVerbosity", "verbose", "--logFile", logFile],
      { cwd: dir, stdio: ["pipe", "pipe", "pipe"] },
    );
    this.child.stderr.on("data", (d) => (this.stderr += d));
    this.readMessages();
  }

  /** Sends a request and resolves with the response body (rejects on success: false). */
  request(command: string, args: unknown): Promise<unknown> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (r) => {
        const res = r as { success: boolean; body?: unknown; message?: string };
        if (res.success) resolve(res.body);
        else reject(new Error(`tsserver ${command}: ${res.message}`));
      });
      this.child.stdin.write(`${JSON.stringify({ seq: id, type: "request", command, arguments: args })}\n`);
    });
  }

  async open(file: string): Promise<void> {
    await this.request("open", { file: join(this.dir, "src", file), projectRootPath: this.dir });
  }

  async diagnostics(file: string): Promise<string[]> {
    const body = (await this.request("semanticDiagnosticsSync", { file: join(this.dir, "src", file) })) as Diagnostic[];
    return body.map((d) => `${d.start.line}:${d.start.offset} ${d.code} ${d.category} ${d.text}`);
  }

  /** The plugin lines of the server's log and its stderr, for a failure message. */
  explain(): string {
    const log = readFileSync(this.logFile, "utf8").split("\n").filter((l) => /plugin|dispatch-ts/i.test(l));
    return `\nstderr: ${this.stderr}\nlog: ${log.join("\n")}`;
  }

  log(): string {
    return readFileSync(this.logFile, "utf8");
  }

  close(): void {
    this.child.kill();
  }

  /** tsserver's output: `Content-Length: n` headers, each followed by one JSON message. */
  private readMessages(): void {
    let buffer = Buffer.alloc(0);
    this.child.stdout.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf("\r\n\r\n");
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, header).toString())?.[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString()) as { type: string; request_seq?: number };
        buffer = buffer.subarray(header + 4 + length);
        if (message.type === "response" && message.request_seq !== undefined) this.waiting.get(message.request_seq)?.(message);
      }
    });
  }
}

let project: TempProject;
let server: Server;
let olderNode: Server;

beforeAll(() => {
  assertBuilt();
  project = createTempProject({ sources: join(ROOT, "test/diagnostics/cases"), type: "module" });
  project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", plugins: [{ transform: "dispatch-ts/transformer" }, { name: "dispatch-ts/language-service" }] });
  server = new Server(project.dir, join(project.dir, "tsserver.log"));
  olderNode = new Server(project.dir, join(project.dir, "tsserver-no-require-esm.log"), ["--no-experimental-require-module"]);
});

afterAll(() => {
  server?.close();
  olderNode?.close();
  project?.remove();
});

it("tsserver loads the plugin and answers semanticDiagnosticsSync with TS99002/TS99003 and TS99005", async () => {
  await server.open("unserializable-locals.ts");
  const locals = await server.diagnostics("unserializable-locals.ts");
  expect(locals[0], server.explain()).toMatch(/^19:9 99002 error cannot keep `conn` \(instance of class Socket\) in the frame of `socket`/);
  expect(locals[1]).toMatch(/^20:13 99003 error this durable await keeps `conn`/);
  await server.open("unmarked.ts");
  const unmarked = await server.diagnostics("unmarked.ts");
  expect(unmarked.slice(0, 2).map((l) => l.slice(0, 30))).toEqual(["18:19 99005 error `twice` is a", "19:19 99005 error `viaTwice` i"]);
  // A file without durable code: only what TypeScript itself says (nothing).
  await server.open("plain.ts");
  expect(await server.diagnostics("plain.ts")).toEqual([]);
  expect(server.log()).toContain("Plugin validation succeeded");
  expect(server.log()).not.toContain("require() of the plugin failed");
}, 120_000);

it("on a Node without require(esm), the plugin is imported in the background and its diagnostics then appear", async () => {
  await olderNode.open("unserializable-locals.ts");
  let locals: string[] = [];
  // Polls (the import finishes at its own pace); the bound is only against a hang.
  for (let i = 0; i < 600 && !locals.some((l) => l.includes(" 99002 ")); i++) {
    locals = await olderNode.diagnostics("unserializable-locals.ts");
    if (!locals.some((l) => l.includes(" 99002 "))) await sleep(100);
  }
  expect(locals[0], olderNode.explain()).toMatch(/^19:9 99002 error cannot keep `conn`/);
  expect(olderNode.log()).toContain("[dispatch-ts] require() of the plugin failed");
}, 120_000);
