// `dispatch-ts send-event KEY [PAYLOAD] [--dir D]`: delivers an event (PAYLOAD
// is JSON; none means null) to the oldest call waiting in `dispatch.waitForEvent(KEY)`,
// or keeps it for the first call that will wait on KEY (docs/SCHEDULER.md "Events").
// Through the process that holds the folder (a `dispatch-ts serve`, or an
// application running `dispatch.run`), else in the folder's store, where the
// next scheduler started on the folder resumes the waiter.
import { CliError, usageError } from "./cli-error.js";
import { openCalls } from "./open-calls.js";
import { parseArgs, stringFlag } from "./parse-args.js";

export async function sendEventCommand(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs("send-event", argv, { dir: "string" });
  if (args.positionals.length < 1 || args.positionals.length > 2) {
    throw usageError(`cannot parse arguments: "send-event" takes a key and an optional JSON payload, got ${args.positionals.length} arguments`);
  }
  const [key, text] = args.positionals as [string, string | undefined];
  if (key === "") throw usageError("cannot parse arguments: the event key is empty");
  const payload = text === undefined ? null : parsePayload(text);
  const dir = stringFlag(args, "dir") ?? ".dispatch";
  const source = await openCalls(dir, "send event");
  try {
    const { delivered } = await source.sendEvent(key, payload);
    const where = source.live ? "" : `; no scheduler runs on ${dir}, the waiting call resumes when one starts`;
    out(delivered ? `delivered event ${JSON.stringify(key)} to the call waiting on it${where}` : `kept event ${JSON.stringify(key)}: no call waits on it yet, the first one to wait takes it`);
  } finally {
    await source.close();
  }
  return 0;
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`cannot send event: the payload is not JSON (${(error as Error).message}); quote strings as JSON, e.g. '"approved"'`, 2);
  }
}
