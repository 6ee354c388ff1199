// `dispatch-ts cancel ID [--dir D]`: cancels a call and its subtree, with compensation (the
// catch/finally of the waiting frames run; docs/SCHEDULER.md "Cancelling a call"), through the
// server that holds the folder, else in the folder's store, where the next scheduler started on
// the folder runs the compensations.
import { CliError, usageError } from "./cli-error.js";
import { openCalls } from "./open-calls.js";
import { parseArgs, stringFlag } from "./parse-args.js";

export async function cancelCommand(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs("cancel", argv, { dir: "string" });
  if (args.positionals.length !== 1) throw usageError(`cannot parse arguments: "cancel" takes one call id, got ${args.positionals.length}`);
  const id = args.positionals[0]!;
  const dir = stringFlag(args, "dir") ?? ".dispatch";
  const source = await openCalls(dir, "cancel call");
  try {
    if (!(await source.cancel(id))) {
      const known = (await source.queries.details(id)) !== undefined;
      throw new CliError(`cannot cancel call ${id}: ${known ? "it already finished" : "no such call"}`);
    }
    out(
      source.live
        ? `cancelled call ${id}: the calls waiting in it run their catch/finally, then it ends cancelled`
        : `cancelled call ${id}: no scheduler runs on ${dir}; the calls waiting in it run their catch/finally when one starts`,
    );
  } finally {
    await source.close();
  }
  return 0;
}
