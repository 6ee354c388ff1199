// `serveFunctions()`: this application's durable functions as a Dispatch
// endpoint on node:http, configured from the DISPATCH_* variables that
// `dispatch-ts run` sets (address, verification key, state key, API URL and
// key). Other frameworks take `createFunctionRunner()` through their adapter's
// `serve({ runner })` instead. When a scheduler is configured
// (DISPATCH_API_URL), calls made by ordinary code go to it as well.
import type { RequestListener } from "node:http";
import { setRunner } from "../api/runner.js";
import { readApiUrl, readEndpointUrl } from "../http/config.js";
import type { Listening, ServeOptions } from "../http/adapters/node/listen.js";
import { serve } from "../http/adapters/node/serve.js";
import { createFunctionRunner, type EngineRunner, type FunctionRunnerOptions } from "./function-runner.js";
import { RemoteRunner } from "./remote-runner.js";

export interface ServeFunctionsOptions extends Partial<FunctionRunnerOptions>, Omit<ServeOptions, "runner"> {
  /**
   * Run calls made outside durable functions (`dispatch.run`, `await f(x)`,
   * `f.dispatch(x)`) on the scheduler at DISPATCH_API_URL instead of the
   * embedded one. Default: true when DISPATCH_API_URL is set.
   */
  useScheduler?: boolean;
}

export interface ServedFunctions extends Listening {
  /** The URL the scheduler is given for calls that name no endpoint. */
  readonly endpointUrl: string;
  readonly runner: EngineRunner;
}

export async function serveFunctions(options: ServeFunctionsOptions = {}, app?: RequestListener): Promise<ServedFunctions> {
  const { stateKey, dispatchDetached, endpointUrl, useScheduler, ...serveOptions } = options;
  let url: string | undefined;
  // The URL is known once the server listens (port 0 picks one).
  const ownUrl = (): string | undefined => (typeof endpointUrl === "function" ? endpointUrl() : endpointUrl) ?? readEndpointUrl() ?? url;
  const runner = createFunctionRunner({
    endpointUrl: ownUrl,
    ...(stateKey !== undefined ? { stateKey } : {}),
    ...(dispatchDetached !== undefined ? { dispatchDetached } : {}),
  });
  const listening = await serve({ ...serveOptions, runner }, app);
  url = listening.url;
  if (useScheduler ?? readApiUrl() !== undefined) setRunner(new RemoteRunner({ endpointUrl: ownUrl }));
  return { ...listening, endpointUrl: ownUrl()!, runner };
}
