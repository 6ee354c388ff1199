// Child process of embedded.test.ts: dispatch-ts/test's in-memory scheduler with injected failures.
import * as dispatch from "dispatch-ts";
import { useTestScheduler } from "dispatch-ts/test";

const app = await import(process.argv[2]);
const t = useTestScheduler({ failures: { square: 2 } });
const value = await dispatch.run(app.square(7));
const runs = t.runs("square");
await t.restore();
const permanent = useTestScheduler({ failures: { square: 1 }, status: dispatch.Status.PERMANENT_ERROR });
let error;
try {
  await dispatch.run(app.square(3));
} catch (e) {
  error = `${e.name}: ${e.message}`;
}
await permanent.restore();
process.stdout.write(JSON.stringify({ value, runs, error, permanentRuns: permanent.runs("square") }));
