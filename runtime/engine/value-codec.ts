// The codec for call arguments, results and error values that the well-known
// types cannot carry: the state codec with references to registered values.
import { encodeValue, decodeValue } from "../codec/index.js";
import type { ValueCodec } from "../values/index.js";
import { runtimeRefs } from "./runtime-refs.js";
import { privateStateExtension } from "./private-state.js";

// Instances of classes with #private fields (transformed modules) keep them in arguments and results too.
const hooks = { refOf: runtimeRefs.refOf, resolveRef: runtimeRefs.resolveRef, extensions: [privateStateExtension()] };

export const valueCodec: ValueCodec = {
  encode: (value) => encodeValue(value, hooks),
  decode: (data) => decodeValue(data, hooks),
};
