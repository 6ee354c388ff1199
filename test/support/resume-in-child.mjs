#!/usr/bin/env node
// One step of a run in its own process, so that a resume starts from bytes in a
// process that never ran the function before:
//   node test/support/resume-in-child.mjs MODULE FUNCTION start ARGS_JSON
//   node test/support/resume-in-child.mjs MODULE FUNCTION resume STATE_BASE64 RESULTS_JSON
// prints { poll: { state, calls: [{ id, function, args }] } } or { exit: { output } | { error } }.
import { create } from "@bufbuild/protobuf";
import * as dispatch from "dispatch-ts";
import { RunRequestSchema, PollResultSchema, CallResultSchema } from "../../dist/runtime/proto/messages.js";
import { toAny, fromAny } from "../../dist/runtime/values/index.js";
import { valueCodec } from "../../dist/runtime/engine/value-codec.js";

const [modulePath, fn, what, a, b] = process.argv.slice(2);
await import(modulePath);
const engine = new dispatch.Engine({ stateKey: new Uint8Array(32).fill(9) });
const request = (directive) => create(RunRequestSchema, { function: fn, dispatchId: "d", rootDispatchId: "root", attempt: 1, directive });
const directive =
  what === "start"
    ? { case: "input", value: toAny(JSON.parse(a), valueCodec) }
    : {
        case: "pollResult",
        value: create(PollResultSchema, {
          state: { case: "coroutineState", value: Buffer.from(a, "base64") },
          results: JSON.parse(b).map((r) => create(CallResultSchema, { correlationId: BigInt(r.id), output: toAny(r.output, valueCodec) })),
        }),
      };
const res = await engine.run(request(directive));
if (res.directive.case === "exit") {
  const r = res.directive.value.result;
  process.stdout.write(JSON.stringify({ exit: r.output ? { output: fromAny(r.output, valueCodec) } : { error: `${r.error?.type}: ${r.error?.message}` } }));
} else {
  const poll = res.directive.value;
  const calls = poll.calls.map((c) => ({ id: String(c.correlationId), function: c.function, args: fromAny(c.input, valueCodec) }));
  process.stdout.write(JSON.stringify({ poll: { state: Buffer.from(poll.state.value).toString("base64"), calls } }));
}
