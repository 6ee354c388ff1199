// The dispatch-ts command: one function per command, errors as one line on
// stderr ("dispatch-ts: cannot ..."), exit code 2 for a bad command line.
// Commands are imported when chosen, so that `--help` or a typo does not load
// the scheduler, the store and the HTTP stack.
import { ConfigError } from "../http/config.js";
import { CliError, usageError } from "./cli-error.js";
import type { Io } from "./io.js";
import { USAGE } from "./usage.js";

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "serve":
        return await (await import("./serve-command.js")).serveCommand(rest, io);
      case "run":
        return await (await import("./run-command.js")).runCommand(rest, io);
      case "calls":
        return await (await import("./calls-command.js")).callsCommand(rest, io.out);
      case "cancel":
        return await (await import("./cancel-command.js")).cancelCommand(rest, io.out);
      case "send-event":
        return await (await import("./send-event-command.js")).sendEventCommand(rest, io.out);
      case "show":
        return await (await import("./show-command.js")).showCommand(rest, io.out);
      case "check":
        return await (await import("./check-command.js")).checkCommand(rest, io.out);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw usageError(`cannot parse arguments: unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) {
      io.err(`dispatch-ts: ${error.message}`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    io.err(`dispatch-ts: ${(error as Error)?.stack ?? String(error)}`);
    return 1;
  }
}
