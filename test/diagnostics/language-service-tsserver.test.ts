// The language-service plugin in the real tsserver (node_modules/typescript/lib/tsserver.js),
// spoken to over stdio as an editor does: a user project whose tsconfig lists
// `{ "name": "dispatch-ts/language-service" }`, with dispatch-ts installed in its node_modules
// (a link to this repository). tsserver looks plugins up from its probe locations (an editor
// running the workspace's TypeScript probes the workspace's node_modules the same way),
// resolves the name without package exports and require()s it; the test opens files and
// asks for semanticDiagnosticsSync.
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assertBuilt, createTempProject, ROOT, type TempProject } from "../e2e/support/temp-project.js";

interface Diagnostic {
  start: { line: number; offset: number };
  code: number;
  text: string;
  category: string;
}

let project: TempProject;
let server: ChildProcessWithoutNullStreams;
let seq = 0;
const waiting = new Map<number, (body: unknown) => void>();
let stderr = "";

/** Sends a request and resolves with the response body (rejects on success: false). */
function request(command: string, args: unknown): Promise<unknown> {
  const id = ++seq;
  return new Promise((resolve, reject) => {
    waiting.set(id, (r) => {
      const res = r as { success: boolean; body?: unknown; message?: string };
      if (res.success) resolve(res.body);
      else reject(new Error(`tsserver ${command}: ${res.message}`));
    });
    server.stdin.write(`${JSON.stringify({ seq: id, type: "request", command, arguments: args })}\n`);
  });
}

/** tsserver's output: `Content-Length: n` headers, each followed by one JSON message. */
function readMessages(): void {
  let buffer = Buffer.alloc(0);
  server.stdout.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf("\r\n\r\n");
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, header).toString())?.[1]);
      if (buffer.length < header + 4 + length) return;
      const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString()) as { type: string; request_seq?: number };
      buffer = buffer.subarray(header + 4 + length);
      if (message.type === "response" && message.request_seq !== undefined) waiting.get(message.request_seq)?.(message);
    }
  });
}

beforeAll(() => {
  assertBuilt();
  project = createTempProject({ sources: join(ROOT, "test/diagnostics/cases"), type: "module" });
  project.writeTsconfig({ module: "NodeNext", moduleResolution: "NodeNext", plugins: [{ transform: "dispatch-ts/transformer" }, { name: "dispatch-ts/language-service" }] });
  server = spawn(
    process.execPath,
    [join(ROOT, "node_modules/typescript/lib/tsserver.js"), "--pluginProbeLocations", project.dir, "--disableAutomaticTypingAcquisition", "--logVerbosity", "verbose", "--logFile", join(project.dir, "tsserver.log")],
    { cwd: project.dir, stdio: ["pipe", "pipe", "pipe"] },
  );
  server.stderr.on("data", (d) => (stderr += d));
  readMessages();
});

afterAll(() => {
  server?.kill();
  project?.remove();
});

async function diagnosticsOf(file: string): Promise<string[]> {
  const path = join(project.dir, "src", file);
  await request("open", { file: path, projectRootPath: project.dir });
  const body = (await request("semanticDiagnosticsSync", { file: path })) as Diagnostic[];
  return body.map((d) => `${d.start.line}:${d.start.offset} ${d.code} ${d.category} ${d.text}`);
}

it("tsserver loads the plugin and answers semanticDiagnosticsSync with TS99002/TS99003 and TS99005", async () => {
  const log = (): string => `\nstderr: ${stderr}\nlog: ${readFileSync(join(project.dir, "tsserver.log"), "utf8").split("\n").filter((l) => /plugin|dispatch-ts/i.test(l)).join("\n")}`;
  const locals = await diagnosticsOf("unserializable-locals.ts");
  expect(locals[0], log()).toMatch(/^19:9 99002 error cannot keep `conn` \(instance of class Socket\) in the frame of `socket`/);
  expect(locals[1]).toMatch(/^20:13 99003 error this durable await keeps `conn`/);
  const unmarked = await diagnosticsOf("unmarked.ts");
  expect(unmarked.slice(0, 2).map((l) => l.slice(0, 30))).toEqual(["18:19 99005 error `twice` is a", "19:19 99005 error `viaTwice` i"]);
  // A file without durable code: only what TypeScript itself says (nothing).
  expect(await diagnosticsOf("plain.ts")).toEqual([]);
  expect(readFileSync(join(project.dir, "tsserver.log"), "utf8")).toContain("Plugin validation succeeded");
}, 120_000);
