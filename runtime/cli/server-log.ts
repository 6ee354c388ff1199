// What a scheduler started by the CLI tells its user on stderr: retries and
// failures always (the reasons a call is slow or lost), every call's start and
// end with --verbose.
import type { Scheduler } from "../scheduler/scheduler.js";

export function logSchedulerEvents(scheduler: Scheduler, verbose: boolean, write: (line: string) => void): () => void {
  const offs = [
    scheduler.on("call:retry", (e) => write(`call ${e.id} ${e.function}: attempt ${e.attempt} failed with ${e.status}: ${e.message}; retrying in ${e.delayMs} ms`)),
    scheduler.on("call:done", (e) => {
      const err = e.result.error;
      if (e.status === "failed") write(`call ${e.id} ${e.function}: failed: ${err ? `${err.type}: ${err.message}` : "no result"}`);
      else if (verbose) write(`call ${e.id} ${e.function}: succeeded`);
    }),
    scheduler.on("scheduler:error", (e) => write(`scheduler error during ${e.during}: ${(e.error as Error)?.message ?? String(e.error)}`)),
  ];
  if (verbose) {
    offs.push(scheduler.on("call:start", (e) => write(`call ${e.id} ${e.function}: ${e.resume ? "resume" : "start"}, attempt ${e.attempt}`)));
  }
  return () => offs.forEach((off) => off());
}
