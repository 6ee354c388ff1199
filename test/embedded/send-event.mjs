// Child process of reach-running-app.test.ts: an ordinary program that sends an event with
// dispatch.sendEvent while another process runs the embedded scheduler of DISPATCH_DIR.
//   DISPATCH_DIR=STORE_DIR node send-event.mjs KEY BY
import * as dispatch from "dispatch-ts";

const [key, by] = process.argv.slice(2);
process.stdout.write(JSON.stringify(await dispatch.sendEvent(key, { by, at: new Date(Date.UTC(2026, 0, 2)) })));
