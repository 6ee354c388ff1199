// Starting the scheduler server from the CLI: its failures (a held folder, a
// busy port, a bad address) become one-line CLI errors.
import { ConfigError } from "../http/config.js";
import { isSchedulerError } from "../scheduler/errors.js";
import type { SchedulerServer } from "../server/scheduler-server.js";
import { CliError, usageError } from "./cli-error.js";

export async function startServer(start: () => Promise<SchedulerServer>): Promise<SchedulerServer> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof ConfigError) throw usageError(error.message.replace("cannot read addr", "cannot parse arguments: --addr"));
    if (isSchedulerError(error)) throw new CliError(`cannot start scheduler: ${error.message}`);
    if (error instanceof Error && error.message.startsWith("cannot ")) throw new CliError(error.message);
    throw error;
  }
}

/** An --endpoint flag: an http(s) URL, without its trailing slashes. */
export function validEndpoint(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\//.test(value) || !URL.canParse(value)) {
    throw usageError(`cannot parse arguments: --endpoint must be an http or https URL, got ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, "");
}
