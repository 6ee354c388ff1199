// The FunctionRunner an endpoint needs, over the engine and the default
// registry: `has` asks the registry (so that an unknown name is a 404 before
// the body is decoded), `run` is one engine step. Durable functions register
// themselves when their module is imported, so import them before serving.
import type { FunctionRunner } from "../http/endpoint/function-runner.js";
import type { Call } from "../proto/messages.js";
import { Engine } from "../engine/engine.js";
import { functionByName } from "../engine/function-registry.js";
import { resolveStateKey } from "./resolve-state-key.js";
import { createDetachedDispatcher } from "./detached-dispatcher.js";

export interface FunctionRunnerOptions {
  /**
   * Key that authenticates suspended state; every endpoint process that may
   * resume a call needs the same one. Default: DISPATCH_STATE_KEY, else the
   * key kept in `<DISPATCH_DIR or .dispatch>/state.key`.
   */
  stateKey: Uint8Array;
  /**
   * Dispatches calls a function started and never awaited. Default: the
   * Dispatch API at DISPATCH_API_URL with DISPATCH_API_KEY, the client being
   * created on first use, so that an endpoint without detached calls needs
   * no API key.
   */
  dispatchDetached: (calls: Call[]) => Promise<string[]>;
  /** The endpoint URL given to detached calls that name none (default: DISPATCH_ENDPOINT_URL). */
  endpointUrl: string | (() => string | undefined);
}

export interface EngineRunner extends FunctionRunner {
  readonly engine: Engine;
}

export function createFunctionRunner(options: Partial<FunctionRunnerOptions> = {}): EngineRunner {
  const engine = new Engine({
    stateKey: options.stateKey ?? resolveStateKey(),
    dispatchDetached: options.dispatchDetached ?? createDetachedDispatcher({ endpointUrl: options.endpointUrl }),
  });
  return {
    engine,
    has: (name) => functionByName(name) !== undefined,
    run: (request) => engine.run(request),
  };
}
