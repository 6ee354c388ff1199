// Calling the Invoker with a deadline. A run that does not answer within invokeTimeoutMs counts as
// TIMEOUT (retryable); its late answer is ignored, since the next attempt owns the call by then.
import type { RunRequest, RunResponse } from "../gen/dispatch/sdk/v1/function_pb.js";
import { Status } from "../gen/dispatch/sdk/v1/status_pb.js";
import type { Core } from "./core.js";

class InvokeTimeoutError extends Error {
  readonly dispatchStatus = Status.TIMEOUT;
}

export function invoke(core: Core, endpoint: string, request: RunRequest): Promise<RunResponse> {
  const { invoker, invokeTimeoutMs } = core.options;
  return new Promise((resolve, reject) => {
    const timer = core.clock.setTimer(
      invokeTimeoutMs,
      () => reject(new InvokeTimeoutError(`no response within ${invokeTimeoutMs} ms`)),
      { keepAlive: false },
    );
    let pending: Promise<RunResponse>;
    try {
      pending = invoker(endpoint, request);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (response) => {
        timer.cancel();
        resolve(response);
      },
      (error: unknown) => {
        timer.cancel();
        reject(error);
      },
    );
  });
}
