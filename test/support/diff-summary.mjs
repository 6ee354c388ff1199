#!/usr/bin/env node
// Summarizes the last differential run (.cache/differential/records.json):
// for each fixture whose transformed or suspending run differs from the
// native one, the first differing event or the outcome.
//   node test/support/diff-summary.mjs [filter...]
import { readFileSync } from "node:fs";

const data = JSON.parse(readFileSync(new URL("../../.cache/differential/records.json", import.meta.url), "utf8"));
const filters = process.argv.slice(2);
const byName = (list) => new Map(list.map((r) => [r.fixture, r]));
const native = byName(data.native);
const modes = { transformed: byName(data.transformed), suspended: byName(data.suspended) };
let differing = 0;
for (const [name, n] of native) {
  if (filters.length && !filters.some((f) => name.includes(f))) continue;
  const notes = [];
  if (data.compileErrors[name]) notes.push(`compile: ${data.compileErrors[name].split("\n")[0]}`);
  for (const [mode, map] of Object.entries(modes)) {
    const r = map.get(name);
    if (!r) {
      notes.push(`${mode}: no record`);
      continue;
    }
    if (r.error) {
      notes.push(`${mode}: ${r.error.split("\n")[0]}`);
      continue;
    }
    const ev = n.events ?? [];
    const rv = r.events ?? [];
    const i = ev.findIndex((e, k) => JSON.stringify(e) !== JSON.stringify(rv[k]));
    if (i >= 0 || ev.length !== rv.length) {
      const at = i >= 0 ? i : Math.min(ev.length, rv.length);
      notes.push(`${mode}: event ${at}: native ${JSON.stringify(ev[at])} vs ${JSON.stringify(rv[at])}`);
    } else if (JSON.stringify(n.outcome) !== JSON.stringify(r.outcome)) {
      notes.push(`${mode}: outcome native ${JSON.stringify(n.outcome)} vs ${JSON.stringify(r.outcome)}`);
    } else if (n.settledAt !== r.settledAt) notes.push(`${mode}: settled at ${n.settledAt} vs ${r.settledAt}`);
    else if (JSON.stringify(n.unhandled) !== JSON.stringify(r.unhandled)) notes.push(`${mode}: unhandled ${JSON.stringify(r.unhandled)}`);
    else if (mode === "suspended" && r.awaits !== r.roundTrips) notes.push(`suspended: ${r.awaits} awaits but ${r.roundTrips} round trips`);
  }
  if (notes.length) {
    differing++;
    console.log(`${name}\n  ${notes.join("\n  ")}`);
  }
}
console.log(`${differing} of ${native.size} fixtures differ`);
