// An application run by `dispatch-ts run -- node app.mjs FUNCTIONS_MODULE`:
// serves its functions, runs a merge sort through the scheduler with
// dispatch.run, prints the result and exits with APP_EXIT_CODE; with
// APP_WAIT=1 it then waits to be stopped by a signal instead.
import * as dispatch from "dispatch-ts";
import { serveFunctions } from "../../../dist/runtime/server/index.js";

const { sort, fails } = await import(process.argv[2]);
const served = await serveFunctions();
console.log(`sorted ${JSON.stringify(await dispatch.run(sort([5, 3, 9, 1, 4])))}`);
try {
  await dispatch.run(fails("on purpose"));
} catch (error) {
  console.log(`caught ${error.name}: ${error.message}`);
}
if (process.env.APP_WAIT === "1") {
  console.log("waiting for a signal");
  setInterval(() => undefined, 1000);
} else {
  await served.close();
  process.exit(Number(process.env.APP_EXIT_CODE ?? 0));
}
