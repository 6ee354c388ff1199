export { Client, type CallInit, type ClientOptions } from "./client.js";
export {
  ConfigError,
  defaultApiUrl,
  defaultEndpointAddr,
  type EndpointAddr,
  type Env,
  parseEndpointAddr,
  readApiKey,
  readApiUrl,
  readEndpointAddr,
  readEndpointUrl,
  readVerificationKey,
} from "./config.js";
export * from "./endpoint/index.js";
export { type ConnectCode, connectCodeOf, HttpError, type HttpErrorKind, httpStatusOf, isHttpError } from "./http-error.js";
export { statusOfHttpError } from "./invoke-status.js";
export { createHttpInvoker, type Invoker, type InvokerOptions } from "./invoker.js";
export * from "./signature/index.js";
