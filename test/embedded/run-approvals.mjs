// Child process of reach-running-app.test.ts: `dispatch.run` of one approval per order, side by
// side, on the embedded scheduler of STORE_DIR; prints the results as JSON.
//   node run-approvals.mjs APP_MODULE STORE_DIR ORDER...   (REPORT=1: dispatch.run's lines on stderr)
import * as dispatch from "dispatch-ts";

const [modulePath, dir, ...orders] = process.argv.slice(2);
const app = await import(modulePath);
dispatch.setRunner(new dispatch.EmbeddedRunner({ dir, report: process.env.REPORT === "1" ? {} : false }));
process.stdout.write(JSON.stringify(await Promise.all(orders.map((o) => dispatch.run(app.approval(o))))));
