// Bodies of `dispatch.function(...)` as the transform hands them over: the
// descriptor is attached so that `dispatch.function` can register the body
// under its frame id; an untransformed body has none, which is how
// `dispatch.function` knows the transformer did not run.
import type { FunctionDescriptor } from "./frame.js";

const descriptors = new WeakMap<Function, FunctionDescriptor>();

export function durableBody<F extends Function>(d: FunctionDescriptor, body: F): F {
  d.impl = body as never;
  descriptors.set(body, d);
  return body;
}

export function descriptorOf(body: Function): FunctionDescriptor | undefined {
  return descriptors.get(body);
}
