export { CodecError, isCodecError, type CodecErrorCode } from "./codec-error.js";
export { decodeValue } from "./decode-value.js";
export { encodeSealed, encodeValue } from "./encode-value.js";
export {
  DEFAULT_LIMITS,
  type CodecHooks,
  type DecodeLimits,
  type Extension,
  type ExtensionReader,
  type ExtensionWriter,
} from "./hooks.js";
export { openState, openStateView, sealState } from "./seal-state.js";
export { FORMAT_VERSION } from "./tags.js";
