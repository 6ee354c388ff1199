// `dispatch-ts serve [--dir .dispatch] [--addr 127.0.0.1:4450] [--endpoint URL] [--verbose]`:
// the scheduler server until SIGINT or SIGTERM. The API key is DISPATCH_API_KEY,
// else the one kept in the folder; both keys are printed so that endpoints and
// clients can be configured by copying the lines.
import { readApiKey, readEndpointUrl } from "../http/config.js";
import { defaultSchedulerAddr, startSchedulerServer, type SchedulerServer } from "../server/scheduler-server.js";
import { loadOrCreateApiKey } from "../server/folder-secrets.js";
import { usageError } from "./cli-error.js";
import type { Io } from "./io.js";
import { parseArgs, stringFlag } from "./parse-args.js";
import { logSchedulerEvents } from "./server-log.js";
import { startServer, validEndpoint } from "./start-server.js";

export async function serveCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs("serve", argv, { dir: "string", addr: "string", endpoint: "string", verbose: "boolean" });
  if (args.positionals.length > 0) throw usageError(`cannot parse arguments: unexpected ${JSON.stringify(args.positionals[0])} for "serve"`);
  const dir = stringFlag(args, "dir") ?? ".dispatch";
  const endpoint = validEndpoint(stringFlag(args, "endpoint")) ?? readEndpointUrl();
  const server = await startServer(() =>
    startSchedulerServer({
      dir,
      addr: stringFlag(args, "addr") ?? defaultSchedulerAddr,
      apiKey: readApiKey() ?? loadOrCreateApiKey(dir),
      ...(endpoint !== undefined ? { defaultEndpoint: endpoint } : {}),
    }),
  );
  logSchedulerEvents(server.scheduler, args.flags.verbose === true, (line) => io.err(`dispatch-ts: ${line}`));
  io.out(banner(server));
  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return done(130); // a second signal: do not wait for the runs in flight
      stopping = true;
      io.err(`dispatch-ts: ${signal}: stopping (runs in flight have 10 s to finish)`);
      server.close().then(
        () => done(0),
        (error: unknown) => {
          io.err(`dispatch-ts: cannot stop cleanly: ${(error as Error).message}`);
          done(1);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export function banner(server: SchedulerServer): string {
  return [
    `dispatch-ts scheduler listening on ${server.url} (store ${server.dir})`,
    "Configure endpoints and clients with:",
    `  DISPATCH_API_URL=${server.url}`,
    `  DISPATCH_API_KEY=${server.apiKey}`,
    `  DISPATCH_VERIFICATION_KEY=${server.verificationKey}`,
  ].join("\n");
}
