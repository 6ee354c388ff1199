// A call that a deploy interrupts (test/versions/deploy-embedded.test.ts): the
// first process, running build A, is killed from inside `halt` once `deployed`
// has suspended on it (its state is in the store); the second, running build
// B on the same folder, finishes the call. BUILD names the running build.
import * as dispatch from "dispatch-ts";

export const halt = dispatch.function(async function halt(label: string) {
  if (process.env.HALT === "1") process.kill(process.pid, "SIGKILL");
  return `${label} halted`;
});

export const deployed = dispatch.function(async function deployed(label: string) {
  const startedBy = process.env.BUILD;
  const mark = await halt(label);
  return { startedBy, finishedBy: process.env.BUILD, mark };
});
