// Structure-aware mutations of RunRequests for the fuzz test: some change the
// message (names, oneofs, timestamps, repeated results) and re-encode it, so
// that the bytes stay valid protobuf and reach the engine; others damage the
// encoded bytes (flips, truncation, bogus lengths, unknown fields, deep groups)
// to exercise the decoder. All randomness comes from one seeded generator.

import { create, toBinary } from "@bufbuild/protobuf";
import { AnySchema, TimestampSchema } from "@bufbuild/protobuf/wkt";
import { CallResultSchema } from "../../../runtime/gen/dispatch/sdk/v1/call_pb.js";
import { ErrorSchema } from "../../../runtime/gen/dispatch/sdk/v1/error_pb.js";
import { type RunRequest, RunRequestSchema } from "../../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { PollResultSchema } from "../../../runtime/gen/dispatch/sdk/v1/poll_pb.js";
import { runRequest } from "./requests.js";

export class Random {
  constructor(private state: number) {}
  /** mulberry32 */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(256));
  }
  string(): string {
    return this.pick([
      "",
      "echo",
      "x".repeat(this.int(3000)),
      "fünction-\u{1F600}",
      "\u0000",
      "\uD800",
      "a<b>.c_d",
      String.fromCharCode(...Array.from({ length: this.int(20) }, () => this.int(0xffff))),
    ]);
  }
}

const names = ["echo", "echo", "echo", "crash", "sleep", "nope", ""];

function mutateMessage(r: Random, request: RunRequest): void {
  switch (r.int(7)) {
    case 0:
      request.function = r.next() < 0.5 ? r.pick(names) : r.string();
      break;
    case 1:
      request.directive = { case: "input", value: create(AnySchema, { typeUrl: r.string(), value: r.bytes(r.int(200)) }) };
      break;
    case 2: {
      const results = Array.from({ length: r.int(40) }, () =>
        create(CallResultSchema, {
          correlationId: r.pick([0n, 1n, 2n ** 64n - 1n, BigInt(r.int(1000))]),
          output: r.next() < 0.5 ? create(AnySchema, { typeUrl: r.string(), value: r.bytes(r.int(50)) }) : undefined,
          error: r.next() < 0.3 ? create(ErrorSchema, { type: r.string(), message: r.string(), value: r.bytes(r.int(30)) }) : undefined,
          dispatchId: r.string(),
        }),
      );
      const state = r.next() < 0.8 ? { case: "coroutineState" as const, value: r.bytes(r.int(500)) } : { case: undefined };
      request.directive = { case: "pollResult", value: create(PollResultSchema, { state, results }) };
      break;
    }
    case 3:
      request.directive = { case: undefined };
      break;
    case 4: {
      const seconds = r.pick([0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), BigInt(Math.floor(Date.now() / 1000))]);
      const timestamp = create(TimestampSchema, { seconds, nanos: r.pick([0, -1, 999_999_999, 2 ** 31 - 1]) });
      if (r.next() < 0.5) request.creationTime = timestamp;
      else request.expirationTime = timestamp;
      break;
    }
    case 5:
      request.dispatchId = r.string();
      request.parentDispatchId = r.string();
      request.rootDispatchId = r.string();
      break;
    default:
      request.attempt = r.pick([0, 1, 2 ** 32 - 1]);
  }
}

function mutateBytes(r: Random, bytes: Uint8Array): Uint8Array {
  const out = Array.from(bytes);
  switch (r.int(6)) {
    case 0: // flip bytes
      for (let i = 0, n = 1 + r.int(4); i < n && out.length > 0; i++) out[r.int(out.length)] = r.int(256);
      break;
    case 1: // truncate
      out.length = r.int(out.length + 1);
      break;
    case 2: // insert random bytes
      out.splice(r.int(out.length + 1), 0, ...r.bytes(1 + r.int(16)));
      break;
    case 3: // a length-delimited field that claims far more than there is
      out.push(0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01);
      break;
    case 4: // unknown fields of every wire type
      out.push((((1000 + r.int(5000)) << 3) | r.pick([0, 1, 2, 5])) & 0x7f, 0x01, ...r.bytes(8));
      break;
    default: // deeply nested groups in an unknown field
      for (let i = 0, depth = r.pick([10, 1000, 20000]); i < depth; i++) out.push(0x9b, 0x01); // field 19, start group
  }
  return Uint8Array.from(out);
}

/** A valid RunRequest body, mutated once or a few times. */
export function mutatedBody(r: Random): Uint8Array {
  const request = runRequest(r.pick(names), r.string());
  for (let i = 0, n = 1 + r.int(3); i < n; i++) mutateMessage(r, request);
  const bytes = toBinary(RunRequestSchema, request);
  return r.next() < 0.4 ? mutateBytes(r, bytes) : bytes;
}
