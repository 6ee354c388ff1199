// The public API of dispatch-ts (`import * as dispatch from "dispatch-ts"`).
export { durableFunction as function, type DurableFunction, type Call } from "./api/function.js";
export { durable, type DurableOptions } from "./api/durable.js";
export { gather, all, any, race } from "./api/combinators.js";
export { sleep } from "./api/sleep.js";
export { waitForEvent, sendEvent, type WaitForEventOptions } from "./api/events.js";
export { callContext as context } from "./api/context.js";
export { parseDuration } from "./api/duration.js";
export { setRunner, type Runner, LazyCall } from "./api/runner.js";
export { run } from "./api/run.js";
export { reset } from "./api/reset.js";
export { batch, Batch } from "./api/batch.js";
export { EmbeddedRunner, type EmbeddedOptions } from "./embedded/embedded-runner.js";
import { setDefaultRunnerFactory } from "./api/runner.js";
import { EmbeddedRunner } from "./embedded/embedded-runner.js";
setDefaultRunnerFactory(() => new EmbeddedRunner());
export { Engine, type EngineOptions } from "./engine/engine.js";
export { Registry, defaultRegistry, type FunctionOptions } from "./engine/function-registry.js";
export { registerValue as registerReference } from "./engine/runtime-refs.js";
export { configureTestModes } from "./engine/settings.js";
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
  registerErrorType,
  registerOutputType,
  Status,
} from "./status/index.js";
