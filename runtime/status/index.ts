export { Status } from "../proto/messages.js";
export {
  StatusError,
  TimeoutError,
  ThrottledError,
  InvalidArgumentError,
  InvalidResponseError,
  TemporaryError,
  PermanentError,
  IncompatibleStateError,
  DNSError,
  TCPError,
  TLSError,
  HTTPError,
  UnauthenticatedError,
  PermissionDeniedError,
  NotFoundError,
  CancelledError,
  STATUS_ERROR_CLASSES,
  statusErrorClass,
} from "./status-errors.js";
export { isRetryable, isStatus, statusName } from "./status-names.js";
export { statusOfHttp } from "./http-status.js";
export { statusOfCode } from "./node-error-codes.js";
export { isResponseLike, type ResponseLike } from "./response-like.js";
export { StatusRegistry, type StatusMapping, type AnyClass } from "./status-registry.js";
export {
  defaultStatusRegistry,
  registerErrorType,
  registerOutputType,
  statusOf,
  statusOfOutput,
} from "./default-registry.js";
