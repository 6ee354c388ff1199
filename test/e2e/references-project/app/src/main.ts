// Runs the app's function on the embedded scheduler (in memory) and prints
// its result as one JSON line.
import * as dispatch from "dispatch-ts";
import { report } from "./workflow.js";

const runner = new dispatch.EmbeddedRunner({ memory: true, idempotent: false });
dispatch.setRunner(runner);
try {
  console.log(JSON.stringify(await dispatch.run(report([1, 2, 3]))));
} finally {
  await runner.stop();
}
