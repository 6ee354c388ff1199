// Child process of embedded.test.ts: runs each scenario with dispatch.run and prints JSON.
import * as dispatch from "dispatch-ts";

const [modulePath, dir] = process.argv.slice(2);
const app = await import(modulePath);
// The run reports go to stderr as users see them; progress every 400 ms so that the 1 s sleep shows one.
dispatch.setRunner(new dispatch.EmbeddedRunner({ dir, report: { progressEveryMs: 400 } }));
const out = {};
const settle = async (name, fn) => {
  const t = Date.now();
  try {
    out[name] = { ok: true, value: await fn(), ms: Date.now() - t };
  } catch (e) {
    out[name] = { ok: false, error: `${e.name}: ${e.message}`, ms: Date.now() - t };
  }
};
await settle("pipeline", () => dispatch.run(app.pipeline([1, 2, 3])));
await settle("pipeline again (idempotent: the stored result)", () => dispatch.run(app.pipeline([1, 2, 3])));
await settle("approval", async () => {
  const waiting = dispatch.run(app.approval("a1"));
  await new Promise((r) => setTimeout(r, 300));
  const sent = await dispatch.sendEvent("approve:a1", { ok: true });
  return [await waiting, sent.delivered];
});
await settle("event sent before the wait", async () => {
  await dispatch.sendEvent("approve:b2", { ok: false });
  return dispatch.run(app.approval("b2"));
});
await settle("impatient", () => dispatch.run(app.impatient()));
await settle("countdown", () => dispatch.run(app.countdown(3)));
await settle("permanent", () => dispatch.run(app.permanent()));
process.stdout.write(JSON.stringify(out));
