#!/usr/bin/env node
// Saves a durable call's state in one process and resumes it in another, the
// way a scheduler would after a deploy: the bytes of the first Poll go to a
// file, and a fresh process (possibly loading another build of the code)
// resumes from them.
//   node test/support/resume-driver.mjs start MODULE FUNCTION ARGS_JSON STATE_FILE
//     runs FUNCTION until its first Poll and writes { pid, state, calls } to STATE_FILE
//   node test/support/resume-driver.mjs resume MODULE STATE_FILE
//     loads MODULE, runs the polled calls to their end, resumes the state with
//     their results (and any later polls) and prints the Exit as JSON, with pids
import { readFileSync, writeFileSync } from "node:fs";
import { create } from "@bufbuild/protobuf";
import * as dispatch from "dispatch-ts";
import { RunRequestSchema, PollResultSchema, CallResultSchema, ErrorSchema } from "../../dist/runtime/proto/messages.js";
import { toAny, fromAny } from "../../dist/runtime/values/index.js";
import { valueCodec } from "../../dist/runtime/engine/value-codec.js";

const [command, modulePath, ...rest] = process.argv.slice(2);
await import(modulePath);
const engine = new dispatch.Engine({ stateKey: new Uint8Array(32).fill(7) });
const request = (fn, directive) => create(RunRequestSchema, { function: fn, dispatchId: `${fn}-1`, rootDispatchId: "root", attempt: 1, directive });

function exitOf(res) {
  const r = res.directive.value.result;
  const error = r.error && (r.error.type || r.error.message) ? { type: r.error.type, message: r.error.message } : undefined;
  return { status: res.status, output: r.output ? fromAny(r.output, valueCodec) : undefined, error };
}

/** Runs one call to its end, answering its polls by running their calls the same way. */
async function complete(fn, res) {
  for (let guard = 0; guard < 100; guard++) {
    if (res.directive.case === "exit") return exitOf(res);
    const poll = res.directive.value;
    const results = [];
    for (const c of poll.calls) results.push(await resultOf(c));
    res = await engine.run(request(fn, { case: "pollResult", value: create(PollResultSchema, { state: { case: "coroutineState", value: poll.state.value }, results }) }));
  }
  throw new Error("too many polls");
}

async function resultOf(c) {
  const out = await complete(c.function, await engine.run(request(c.function, { case: "input", value: c.input })));
  return create(CallResultSchema, {
    correlationId: c.correlationId,
    output: out.error ? undefined : toAny(out.output, valueCodec),
    error: out.error ? create(ErrorSchema, out.error) : undefined,
  });
}

if (command === "start") {
  const [fn, argsJson, stateFile] = rest;
  const res = await engine.run(request(fn, { case: "input", value: toAny(JSON.parse(argsJson), valueCodec) }));
  if (res.directive.case !== "poll") throw new Error(`${fn} did not poll: ${JSON.stringify(exitOf(res))}`);
  const poll = res.directive.value;
  const calls = poll.calls.map((c) => ({ correlationId: String(c.correlationId), function: c.function, input: Buffer.from(c.input.value).toString("base64"), typeUrl: c.input.typeUrl }));
  writeFileSync(stateFile, JSON.stringify({ pid: process.pid, fn, state: Buffer.from(poll.state.value).toString("base64"), calls }));
} else if (command === "resume") {
  const saved = JSON.parse(readFileSync(rest[0], "utf8"));
  const results = [];
  for (const c of saved.calls) {
    const input = { typeUrl: c.typeUrl, value: new Uint8Array(Buffer.from(c.input, "base64")) };
    results.push(await resultOf({ correlationId: BigInt(c.correlationId), function: c.function, input }));
  }
  const state = new Uint8Array(Buffer.from(saved.state, "base64"));
  const res = await engine.run(request(saved.fn, { case: "pollResult", value: create(PollResultSchema, { state: { case: "coroutineState", value: state }, results }) }));
  const exit = await complete(saved.fn, res);
  process.stdout.write(JSON.stringify({ savedBy: saved.pid, resumedBy: process.pid, ...exit }));
} else {
  throw new Error(`unknown command ${command}`);
}
