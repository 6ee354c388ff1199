// Child process of deploy-embedded.test.ts: runs deployed("order-7") with
// dispatch.run on the embedded scheduler over DIR and prints the result as
// JSON (the same call each time: the idempotency key is function + arguments).
import * as dispatch from "dispatch-ts";

const [modulePath, dir] = process.argv.slice(2);
const app = await import(modulePath);
// Commit window 0: build A is killed while its child runs, and the test wants A's Poll in the
// store by then (with the default window it could be lost with the process, and B would start over).
dispatch.setRunner(new dispatch.EmbeddedRunner({ dir, commitWindowMs: 0 }));
process.stdout.write(JSON.stringify(await dispatch.run(app.deployed("order-7"))));
