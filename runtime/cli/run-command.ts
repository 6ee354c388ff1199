// `dispatch-ts run [--dir D] [--addr A] [--verbose] -- COMMAND...`: a scheduler
// server for the lifetime of one application, as the Dispatch CLI did. The
// application gets its DISPATCH_* variables (a fresh API key, the scheduler's
// public key, its endpoint address and URL, the folder's state key), receives
// the signals sent to the CLI, and its exit code becomes the CLI's.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { constants } from "node:os";
import { loadOrCreateStateKey } from "../server/state-key.js";
import { parseEndpointAddr, readEndpointUrl } from "../http/config.js";
import { newApiKey } from "../server/folder-secrets.js";
import { startSchedulerServer } from "../server/scheduler-server.js";
import { CliError, usageError } from "./cli-error.js";
import { parseArgs, stringFlag } from "./parse-args.js";
import type { Io } from "./io.js";
import { logSchedulerEvents } from "./server-log.js";
import { startServer } from "./start-server.js";

const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export async function runCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs("run", argv, { dir: "string", addr: "string", verbose: "boolean" });
  if (args.rest === undefined || args.rest.length === 0) throw usageError('cannot parse arguments: "run" needs a command after --, e.g. dispatch-ts run -- node app.js');
  if (args.positionals.length > 0) throw usageError(`cannot parse arguments: unexpected ${JSON.stringify(args.positionals[0])} before --`);
  const dir = stringFlag(args, "dir") ?? ".dispatch";
  const endpointAddr = process.env.DISPATCH_ENDPOINT_ADDR?.trim() || `127.0.0.1:${await freePort()}`;
  const addr = parseEndpointAddr(endpointAddr);
  const endpointUrl = readEndpointUrl() ?? `http://${addr.host.includes(":") ? `[${addr.host}]` : addr.host}:${addr.port}`;
  const server = await startServer(() =>
    startSchedulerServer({ dir, addr: stringFlag(args, "addr") ?? "127.0.0.1:0", apiKey: newApiKey(), defaultEndpoint: endpointUrl }),
  );
  logSchedulerEvents(server.scheduler, args.flags.verbose === true, (line) => io.err(`dispatch-ts: ${line}`));
  io.err(`dispatch-ts: scheduler on ${server.url}, endpoint ${endpointUrl}, store ${server.dir}`);
  const env = {
    ...process.env,
    DISPATCH_API_URL: server.url,
    DISPATCH_API_KEY: server.apiKey,
    DISPATCH_VERIFICATION_KEY: server.verificationKey,
    DISPATCH_ENDPOINT_ADDR: endpointAddr,
    DISPATCH_ENDPOINT_URL: endpointUrl,
    // The folder's key (or the caller's DISPATCH_STATE_KEY): calls suspended by one run resume in the next.
    DISPATCH_STATE_KEY: process.env.DISPATCH_STATE_KEY?.trim() || Buffer.from(loadOrCreateStateKey(server.dir)).toString("hex"),
  };
  const [command, ...commandArgs] = args.rest;
  const code = await new Promise<number>((done) => {
    const child = spawn(command!, commandArgs, { stdio: "inherit", env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const s of FORWARDED) process.on(s, forward);
    const settle = (n: number) => {
      for (const s of FORWARDED) process.off(s, forward);
      done(n);
    };
    child.once("error", (error: NodeJS.ErrnoException) => {
      io.err(`dispatch-ts: cannot run ${command}: ${error.code === "ENOENT" ? "command not found" : error.message}`);
      settle(error.code === "ENOENT" ? 127 : 126);
    });
    // A child killed by a signal exits like a shell reports it: 128 + the signal's number.
    child.once("exit", (exitCode, signal) => settle(exitCode ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
  await server.close(2000);
  return code;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) => reject(new CliError(`cannot find a free port for the endpoint: ${error.message}`)));
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
