// A call made by ordinary code, as the protocol's Call message (correlation id 0: it has no caller).
import { create } from "@bufbuild/protobuf";
import { createHash } from "node:crypto";
import { toBinary } from "@bufbuild/protobuf";
import { AnySchema } from "@bufbuild/protobuf/wkt";
import { CallSchema, type Call } from "../proto/messages.js";
import { durationFromMs } from "../proto/duration.js";
import { toAny } from "../values/index.js";
import { valueCodec } from "../engine/value-codec.js";
import type { LazyCall } from "./runner.js";

export function callMessage(call: LazyCall<unknown>): Call {
  const t = call.target;
  return create(CallSchema, {
    function: t.function,
    endpoint: t.endpoint ?? "",
    input: t.input ?? toAny(call.args, valueCodec),
    expiration: t.expirationMs !== undefined ? durationFromMs(t.expirationMs) : undefined,
    version: t.version ?? "",
  });
}

/** The default idempotency key of a root call: its function and its encoded arguments. */
export function idempotencyKey(call: Call): string {
  const digest = createHash("sha256").update(call.input ? toBinary(AnySchema, call.input) : new Uint8Array()).digest("base64url");
  return `${call.function}:${digest}`;
}
