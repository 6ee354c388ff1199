// A user's test of durable code, run by vitest through the dispatch-ts Vite
// plugin, on the in-memory test scheduler of dispatch-ts/test.
import { readFileSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
import * as dispatch from "dispatch-ts";
import { useTestScheduler, type TestScheduler } from "dispatch-ts/test";
import { checkout, traced } from "./orders.js";

let t: TestScheduler | undefined;
afterEach(async () => {
  await t?.restore();
  t = undefined;
});

it("checks out, its state going through bytes at every durable call", async () => {
  t = useTestScheduler();
  const r = await dispatch.run(checkout(["tea", "", "milk"]));
  expect(r.lines).toEqual(["tea: 30", "skipped: an item needs a name", "milk: 40"]);
  expect(r.total).toBe(70);
  // Native (untransformed) code would keep the very same object.
  expect(r.sameObjectAfterResume).toBe(false);
});

it("a price call that fails twice is retried by the scheduler", async () => {
  t = useTestScheduler({ failures: { price: 2 } });
  const r = await dispatch.run(checkout(["tea"]));
  expect(r.total).toBe(30);
  expect(t.runs("price")).toBe(3);
});

it("an error thrown after a resume points at its line in orders.ts", async () => {
  t = useTestScheduler();
  const frame = await dispatch.run(traced());
  const line = readFileSync(new URL("./orders.ts", import.meta.url), "utf8").split("\n").findIndex((l) => l.includes("line:traced-throw")) + 1;
  expect(frame).toMatch(new RegExp(`orders\\.ts:${line}:\\d+\\)?$`));
});
