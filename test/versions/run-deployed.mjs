// Child process of deploy-embedded.test.ts: runs deployed("order-7") with
// dispatch.run on the embedded scheduler over DIR and prints the result as
// JSON (the same call each time: the idempotency key is function + arguments).
import * as dispatch from "dispatch-ts";

const [modulePath, dir] = process.argv.slice(2);
const app = await import(modulePath);
dispatch.setRunner(new dispatch.EmbeddedRunner({ dir }));
process.stdout.write(JSON.stringify(await dispatch.run(app.deployed("order-7"))));
