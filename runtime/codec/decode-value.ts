// decodeValue: the public entry of the decoder. Checks the size and format
// version, decodes one value that must span the whole input, and turns any
// error that is not already a CodecError into one (a built-in constructor that
// refused hostile data, a stack overflow), so callers handle a single type.
// The exception: an error thrown by an extension's own code passes unchanged,
// since the engine gives it a meaning of its own (an incompatible frame).

import { CodecError, isCodecError, isStackOverflow } from "./codec-error.js";
import { Decoder } from "./decoder.js";
import { resolveLimits, type CodecHooks } from "./hooks.js";
import { FORMAT_VERSION } from "./tags.js";

/** The value graph of untrusted bytes; any fault is a CodecError with the byte offset. */
export function decodeValue(bytes: Uint8Array, hooks?: CodecHooks): unknown {
  if (!(bytes instanceof Uint8Array)) {
    throw new CodecError("corrupt", "cannot decode value: expected a Uint8Array");
  }
  const limits = resolveLimits(hooks?.limits);
  if (bytes.length > limits.maxBytes) {
    throw new CodecError("limit", `cannot decode value: its ${bytes.length} bytes exceed limits.maxBytes (${limits.maxBytes})`);
  }
  if (bytes.length === 0) throw new CodecError("corrupt", "cannot decode value: no bytes", { offset: 0 });
  if (bytes[0] !== FORMAT_VERSION) {
    throw new CodecError(
      "incompatible",
      `cannot decode value: format version ${bytes[0]} is not supported (this build reads version ${FORMAT_VERSION})`,
      { offset: 0 },
    );
  }
  const d = new Decoder(bytes, 1, hooks, limits);
  try {
    const value = d.readValue();
    if (d.r.pos !== bytes.length) throw d.r.fail(`${bytes.length - d.r.pos} bytes after the value`);
    return value;
  } catch (err) {
    if (isCodecError(err) || err === d.passthrough) throw err;
    if (isStackOverflow(err)) throw d.r.fail("nesting too deep for the call stack; lower limits.maxDepth", "limit", d.r.pos, err);
    const reason = err instanceof Error ? err.message : String(err);
    throw d.r.fail(`invalid data (${reason})`, "corrupt", d.r.pos, err);
  }
}
