// A worker process of run-test262.mjs: imports built test modules one after the other, so the
// runner does not pay a Node start-up per test. A test that fails here is confirmed alone in a
// fresh process by the runner (state a previous test left behind must not fail the next one).
if (process.env.TEST262_PRELOAD) await import(process.env.TEST262_PRELOAD);

let current = null;
const describe = (e) =>
  e && typeof e === "object" ? `${e.constructor?.name ?? e.name}: ${e.name}: ${e.message}` : `thrown: ${String(e)}`;
process.on("uncaughtException", (e) => current?.errors.push(e));
process.on("unhandledRejection", (e) => current?.late.push("unhandled " + describe(e)));

process.on("message", async (message) => {
  current = { out: [], errors: [], late: [] };
  const test = current;
  // The harness's $DONE prints through `print`; collect it instead of writing to stdout.
  globalThis.print = (...args) => test.out.push(args.join(" "));
  try {
    await import(message.url);
  } catch (e) {
    test.errors.push(e);
  }
  const start = Date.now();
  if (message.async) {
    while (!test.out.some((l) => l.startsWith("Test262:Async")) && Date.now() - start < 5000 && test.errors.length === 0)
      await new Promise((r) => setTimeout(r, 1));
  } else {
    await new Promise((r) => setTimeout(r, 0));
  }
  const settled = test.errors.length;
  // What the test leaves running (rejections nobody handles, exceptions thrown later) must be
  // the same natively and transformed: collect it for a short while.
  await new Promise((r) => setTimeout(r, 20));
  const late = [...test.late, ...test.errors.slice(settled).map((e) => "uncaught " + describe(e))].map((l) =>
    l.split("\n")[0].slice(0, 200),
  );
  test.errors.length = settled;
  process.send({
    code: test.errors.length ? 1 : 0,
    out: test.out.join("\n"),
    err: test.errors.map(describe).join("\n"),
    late,
  });
});
process.send({ ready: true });
