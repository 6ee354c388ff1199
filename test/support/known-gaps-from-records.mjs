#!/usr/bin/env node
// Writes test/differential/known-gaps.ts from the last differential run
// (.cache/differential/records.json): every fixture that differs from native
// in some mode, with the reason read from what the run reported. Review the
// result: a reason here is a promise to fix or a design decision to document.
import { readFileSync, writeFileSync } from "node:fs";

const data = JSON.parse(readFileSync(new URL("../../.cache/differential/records.json", import.meta.url), "utf8"));
const byName = (list) => new Map(list.map((r) => [r.fixture, r]));
const native = byName(data.native);
const modes = { transformed: byName(data.transformed), suspended: byName(data.suspended) };
const same = (a, b) => a && b && !a.error && !b.error && JSON.stringify([a.events, a.settledAt, a.outcome, a.unhandled]) === JSON.stringify([b.events, b.settledAt, b.outcome, b.unhandled]);

function reason(mode, r) {
  const text = `${r?.outcome?.value ?? ""} ${r?.error ?? ""}`;
  const rules = [
    [/async generator object|async iterator|AsyncGenerator/i, "an async iterator held across an await: async iterators cannot be serialized (DESIGN: values table, last row)"],
    [/generator object/, "a native generator held across an await: only generators declared at the top level of a module with durable code are lowered and saved"],
    [/built-in iterators cannot be serialized/, "a .keys()/.values()/.entries() iterator held across an await: the loop lowering does not hand the collection to a by-position cursor yet"],
    [/Promise of ordinary async work/, "an ordinary promise held across another await: not serializable by design; the every-await test mode is stricter than production"],
    [/private|Receiver must be an instance of class/i, "#private fields of an instance held across an await whose class the compiler could not register (declared in a durable body, or in a module without durable code)"],
    [/custom prototype/, "an object with a custom prototype (Object.create) held across an await: only plain objects, built-ins and registered classes are serializable"],
    [/cannot serialize function/, "a function held across an await that cannot be lifted (it reads a catch or switch-case binding, a function or class declared in a block, `this`/`arguments` of a plain function, `super`, or a local of another durable function: TS99002)"],
    [/retired frame/, "a closure kept outside the state touches its frame after a round trip"],
  ];
  for (const [re, why] of rules) if (re.test(text)) return why;
  if (mode === "transformed") return "differs from native when transformed";
  return `differs from native when every await is a round trip: ${text.trim().slice(0, 120)}`;
}

const gaps = {};
for (const [name, n] of native) {
  for (const [mode, map] of Object.entries(modes)) {
    const r = map.get(name);
    if (!same(n, r) || (mode === "suspended" && r.awaits !== r.roundTrips)) {
      gaps[name] = name.startsWith("closures/per-iteration") || name === "closures/closure-block-scoped-in-switch" ? "per-iteration bindings captured by closures in a loop that awaits share one frame field" : reason(mode, r);
      break;
    }
  }
}
const lines = Object.entries(gaps).map(([k, v]) => `  ${JSON.stringify(k)}:\n    ${JSON.stringify(v)},`);
writeFileSync(
  new URL("../differential/known-gaps.ts", import.meta.url),
  `// Fixtures the transform does not match yet, each with the reason. Their tests
// are expected to FAIL (it.fails): when one starts passing, the suite says so
// and the entry must be removed. Generated from a differential run by
// test/support/known-gaps-from-records.mjs, then reviewed.
export const KNOWN_GAPS: Record<string, string> = {
${lines.join("\n")}
};
`,
);
console.log(`${Object.keys(gaps).length} known gaps written`);
