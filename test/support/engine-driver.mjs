#!/usr/bin/env node
// Drives the engine through RunRequests like a scheduler would, in one
// process and deterministically, and prints what it saw as JSON: every Poll
// (calls, min/max results, cancellations, state size) and the final Exit.
//   node test/support/engine-driver.mjs MODULE SCENARIOS_JSON
// A scenario: { fn, args, deliver: "all" | "one", pollError: bool, tamper: bool, changeLayout: bool, maxResults, cancelFirst: bool }
import { create } from "@bufbuild/protobuf";
import * as dispatch from "dispatch-ts";
import { RunRequestSchema, PollResultSchema, CallResultSchema, ErrorSchema } from "../../dist/runtime/proto/messages.js";
import { toAny, fromAny } from "../../dist/runtime/values/index.js";
import { valueCodec } from "../../dist/runtime/engine/value-codec.js";
import { findFunction } from "../../dist/runtime/engine/registry.js";

const [modulePath, scenariosJson] = process.argv.slice(2);
await import(modulePath);
const key = new Uint8Array(32).fill(7);

function describeExit(res) {
  const r = res.directive.value.result;
  const error = r.error && (r.error.type || r.error.message) ? { type: r.error.type, message: r.error.message } : undefined;
  const t = res.directive.value.tailCall;
  const tailCall = t ? { function: t.function, args: fromAny(t.input, valueCodec) } : undefined;
  const cancel = res.directive.value.cancelCorrelationIds.map(Number);
  return { status: res.status, output: r.output ? fromAny(r.output, valueCodec) : undefined, error, tailCall, cancel };
}

async function drive(engine, fn, input, scenario, log, depth) {
  const request = (directive) => create(RunRequestSchema, { function: fn, dispatchId: `${fn}-${depth}`, rootDispatchId: "root", attempt: 1, directive });
  let res = await engine.run(request({ case: "input", value: input }));
  let pollErrorSent = false;
  const pending = new Map();
  for (let guard = 0; guard < 100; guard++) {
    if (res.directive.case === "exit") return describeExit(res);
    const poll = res.directive.value;
    if (depth === 0) {
      log.push({
        calls: poll.calls.map((c) => `${c.function}(${showArgs(fromAny(c.input, valueCodec))})`),
        min: poll.minResults,
        max: poll.maxResults,
        cancel: poll.cancelCorrelationIds.map(Number),
        stateBytes: poll.state.value.length,
      });
    }
    let state = poll.state.value;
    if (scenario.tamper && depth === 0) {
      state = state.slice();
      state[state.length - 40] ^= 1;
    }
    if (scenario.changeLayout && depth === 0) findFunction(`test/engine/programs/basic.ts#${fn}`).meta.layout = "0000000000000000";
    if (scenario.pollError && depth === 0 && !pollErrorSent) {
      pollErrorSent = true;
      res = await engine.run(request({ case: "pollResult", value: create(PollResultSchema, { state: { case: "coroutineState", value: state }, error: create(ErrorSchema, { type: "Unavailable", message: "not dispatched" }) }) }));
      continue;
    }
    for (const id of poll.cancelCorrelationIds) pending.delete(Number(id));
    for (const c of poll.calls) {
      let result;
      if (scenario.cancelFirst && depth === 0 && !scenario.cancelSent) {
        // The scheduler's answer for a call cancelled under its caller.
        scenario.cancelSent = true;
        result = create(CallResultSchema, { correlationId: c.correlationId, error: create(ErrorSchema, { type: "CancelledError", message: "cannot finish call: it was cancelled" }) });
      } else if (c.function === "dispatch_ts.sleep") result = create(CallResultSchema, { correlationId: c.correlationId });
      else {
        const out = await drive(engine, c.function, c.input, scenario, log, depth + 1);
        result = create(CallResultSchema, { correlationId: c.correlationId, output: out.error ? undefined : toAny(out.output, valueCodec), error: out.error ? create(ErrorSchema, out.error) : undefined });
      }
      pending.set(Number(c.correlationId), result);
    }
    const all = [...pending.values()];
    const take = scenario.deliver === "one" ? all.slice(0, 1) : all.slice(0, poll.maxResults);
    for (const r of take) pending.delete(Number(r.correlationId));
    res = await engine.run(request({ case: "pollResult", value: create(PollResultSchema, { state: { case: "coroutineState", value: state }, results: take }) }));
  }
  throw new Error("too many polls");
}

function showArgs(v) {
  return Array.isArray(v) ? v.map((a) => JSON.stringify(a)).join(", ") : v === undefined ? "" : JSON.stringify(v);
}

const out = [];
for (const scenario of JSON.parse(scenariosJson)) {
  const detached = [];
  const engine = new dispatch.Engine({
    stateKey: key,
    pollMaxResults: scenario.maxResults,
    dispatchDetached: async (calls) => {
      detached.push(...calls.map((c) => c.function));
      return calls.map((_, i) => `detached-${i}`);
    },
  });
  const polls = [];
  const exit = await drive(engine, scenario.fn, toAny(scenario.args ?? [], valueCodec), scenario, polls, 0);
  out.push({ name: scenario.name ?? scenario.fn, polls, exit, detached });
}
// undefined is kept visible: JSON would turn it into null or drop it.
process.stdout.write(JSON.stringify(out, (_k, v) => (v === undefined ? "$undefined" : typeof v === "bigint" ? `${v}n` : v)));
