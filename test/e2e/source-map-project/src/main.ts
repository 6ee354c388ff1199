// Prints one JSON line: the frames of errors thrown in durable code, run on
// the embedded scheduler (in memory) and as plain helper calls.
import * as dispatch from "dispatch-ts";
import { traced } from "./traced.js";
import { escapes } from "./helpers.js";
import { firstFrameIn } from "./fail.js";

async function main(): Promise<void> {
  const runner = new dispatch.EmbeddedRunner({ memory: true, idempotent: false });
  dispatch.setRunner(runner);
  const scheduled = await dispatch.run(traced("run"));
  await runner.stop();
  const escaped: Record<string, string> = {};
  for (const when of ["before", "after"] as const) {
    try {
      await escapes(when);
    } catch (e) {
      escaped[when] = firstFrameIn(e, "helpers.ts");
    }
  }
  console.log(JSON.stringify({ scheduled, escaped }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
