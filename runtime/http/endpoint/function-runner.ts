import type { RunRequest, RunResponse } from "../../gen/dispatch/sdk/v1/function_pb.js";

/**
 * Runs one RunRequest; provided by the engine. The endpoint turns an error
 * thrown here into HTTP 500 internal (a user function that throws must come
 * back as a RunResponse with an error status instead), and asks `has` first so
 * that an unknown function is reported as 404.
 */
export interface FunctionRunner {
  has(name: string): boolean;
  run(request: RunRequest): Promise<RunResponse>;
}
