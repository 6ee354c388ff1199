// A durable call's input, encoded when the call is made inside a durable body: arguments that
// cannot be sent fail at the call site, where the caller's catch sees them (not later, when the
// Poll is built, where the scheduler would take the failure for the endpoint's), and the call
// carries its arguments as they were when it was made, as a native call would.
import type { Any } from "@bufbuild/protobuf/wkt";
import { toAny } from "../values/index.js";
import { valueCodec } from "../engine/value-codec.js";

export function encodeArguments(name: string, args: unknown[]): Any {
  try {
    return toAny(args, valueCodec);
  } catch (e) {
    throw new TypeError(`cannot call ${name}: its arguments cannot be sent: ${(e as Error).message}`, { cause: e });
  }
}
