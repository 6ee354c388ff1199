// encodeValue: the public entry of the encoder. The engine encodes at every
// suspension, so one encoder (its buffer, tables and scratch stacks) is kept and
// reused; a nested call (an extension that encodes on its own) gets a fresh one.

import { CodecError, isStackOverflow } from "./codec-error.js";
import { Encoder } from "./encoder.js";
import { resolveLimits, type CodecHooks } from "./hooks.js";
import { sealBytes } from "./seal-state.js";
import { FORMAT_VERSION } from "./tags.js";

let idle: Encoder | undefined;

// A buffer that grew past this is dropped after use rather than kept alive.
const KEEP_BUFFER_BYTES = 1 << 20;

/**
 * The bytes of a value graph (docs/CODEC.md). Throws a CodecError ("unsupported"
 * naming what and where, or "limit"); errors thrown by hooks pass unchanged.
 * A small result is a view into a chunk shared with other results (as a pooled
 * Buffer is): use it as a view, or slice() it for an ArrayBuffer of its own.
 */
export function encodeValue(value: unknown, hooks?: CodecHooks): Uint8Array {
  return encode(value, hooks, undefined);
}

/**
 * sealState(encodeValue(value, hooks), key), sealed straight from the encoder's
 * buffer: the engine does this at every Poll, and the copy in between was a
 * buffer allocation of its own.
 */
export function encodeSealed(value: unknown, hooks: CodecHooks | undefined, key: Uint8Array): Uint8Array {
  return encode(value, hooks, key);
}

function encode(value: unknown, hooks: CodecHooks | undefined, key: Uint8Array | undefined): Uint8Array {
  const e = idle ?? new Encoder();
  idle = undefined;
  const limits = resolveLimits(hooks?.limits);
  e.reset(hooks, limits);
  try {
    e.w.u8(FORMAT_VERSION);
    e.writeValue(value);
    if (e.w.pos > limits.maxBytes) {
      throw new CodecError(
        "limit",
        `cannot serialize value: its ${e.w.pos} bytes exceed limits.maxBytes (${limits.maxBytes})`,
      );
    }
    return key === undefined ? e.w.finish() : sealBytes(e.w.buf, 0, e.w.pos, key);
  } catch (err) {
    if (isStackOverflow(err)) {
      const path = e.path(e.depth - 1);
      throw new CodecError("limit", `cannot serialize value at ${path}: nesting too deep for the call stack; lower limits.maxDepth`, {
        path,
        cause: err,
      });
    }
    throw err;
  } finally {
    e.clear();
    if (e.w.buf.length <= KEEP_BUFFER_BYTES) idle = e;
  }
}
