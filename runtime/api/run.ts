// dispatch.run(f(x)): runs a call made outside any durable body to completion
// on the configured runner (default: the embedded scheduler) and returns its
// result or throws its error.
import { LazyCall, runner } from "./runner.js";
import { settings } from "../engine/settings.js";
import type { Call } from "./function.js";

// A `@dispatch.function` method keeps its declared type (decorators cannot change it), so its
// call is typed as a Promise: run takes that too and checks at run time that it is a call.
export async function run<R>(call: Call<R> | Promise<R>): Promise<R> {
  // DISPATCH_NATIVE=1: calls are plain promises of in-process async calls (the oracle).
  if (settings.native) return await call;
  if (!(call instanceof LazyCall)) {
    throw new TypeError("cannot dispatch.run this value: pass a call made outside a durable function, e.g. dispatch.run(pipeline(input)) or dispatch.run(service.method(input)) for a @dispatch.function method");
  }
  return runner().run(call as LazyCall<R>);
}
