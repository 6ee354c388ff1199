#!/usr/bin/env node
// Runs compiled fixtures in one mode of the differential harness and prints
// one JSON record per fixture (same shape as the native runner's).
//   node test/support/run-fixtures-mode.mjs DIR NAME...
//   node test/support/run-fixtures-mode.mjs DIR -     # names from stdin, one a line, answered as they come
// The mode comes from the environment: DISPATCH_NATIVE=1 (the oracle),
// nothing (transformed), DISPATCH_SUSPEND_EVERY_AWAIT=1 (transformed, every
// await a round trip through bytes). Records carry the engine's counters of
// awaits executed and round trips made.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runModule } from "./run-fixture-native.mjs";

const [dir, ...names] = process.argv.slice(2);
let stats;
let registerValue;
try {
  ({ stats, registerValue } = await import("dispatch-ts/internal"));
} catch {
  stats = undefined;
}
async function runOne(name) {
  const before = stats ? { awaits: stats.awaits, roundTrips: stats.roundTrips } : undefined;
  let record;
  try {
    record = await runModule(pathToFileURL(join(dir, `${name}.mjs`)).href, { timeoutMs: 5000, register: (log) => registerValue?.("harness:log", log) });
  } catch (error) {
    record = { error: String(error?.stack ?? error) };
  }
  if (before) {
    record.awaits = stats.awaits - before.awaits;
    record.roundTrips = stats.roundTrips - before.roundTrips;
  }
  process.stdout.write(`${JSON.stringify({ fixture: name, ...record })}\n`);
}

if (names.length === 1 && names[0] === "-") {
  // Serving: one process per mode for many small batches (the random programs shrink one
  // candidate at a time), without paying the runtime's load for each.
  const { createInterface } = await import("node:readline");
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== "") await runOne(line.trim());
  }
} else {
  for (const name of names) await runOne(name);
}
