export type { ValueEncoder, ValueDecoder, ValueCodec } from "./fallback.js";
export { toAny } from "./to-any.js";
export { fromAny } from "./from-any.js";
export { encodeStructValue, decodeStructValue, MAX_STRUCT_DEPTH } from "./struct-wire.js";
export { errorToProto, typeOf } from "./error-to-proto.js";
export { errorFromProto, rebuildError } from "./error-from-proto.js";
export { ValueConversionError, isValueConversionError } from "./value-conversion-error.js";
export {
  GOOGLE_TYPE_URL_PREFIX,
  BIGINT_TYPE_URL_PREFIX,
  JS_VALUE_TYPE_NAME,
  PYTHON_PICKLE_TYPE_NAME,
  typeNameOf,
  googleTypeUrl,
} from "./type-urls.js";
