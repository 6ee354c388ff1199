// Child process of embedded.test.ts: dispatch.run of one call of the app, reports every 100 ms.
//   node run-one.mjs APP_MODULE STORE_DIR FUNCTION ARGS_JSON
import * as dispatch from "dispatch-ts";

const [modulePath, dir, fn, args] = process.argv.slice(2);
const app = await import(modulePath);
dispatch.setRunner(new dispatch.EmbeddedRunner({ dir, report: { progressEveryMs: 100 } }));
process.stdout.write(JSON.stringify(await dispatch.run(app[fn](...JSON.parse(args)))));
