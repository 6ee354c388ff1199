// A stand-in for the engine: RunRequest -> RunResponse by hand. "echo" exits
// with its input as output, "sleep" answers after a short pause, "crash"
// makes the runner itself throw (the endpoint must answer 500).

import { create } from "@bufbuild/protobuf";
import { CallResultSchema } from "../../../runtime/gen/dispatch/sdk/v1/call_pb.js";
import { ExitSchema } from "../../../runtime/gen/dispatch/sdk/v1/exit_pb.js";
import { type RunRequest, type RunResponse, RunResponseSchema } from "../../../runtime/gen/dispatch/sdk/v1/function_pb.js";
import { Status } from "../../../runtime/gen/dispatch/sdk/v1/status_pb.js";
import type { FunctionRunner } from "../../../runtime/http/index.js";

export function exitWith(request: RunRequest): RunResponse {
  const output = request.directive.case === "input" ? request.directive.value : undefined;
  return create(RunResponseSchema, {
    status: Status.OK,
    directive: { case: "exit", value: create(ExitSchema, { result: create(CallResultSchema, { output }) }) },
  });
}

export const echoRunner: FunctionRunner = {
  has: (name) => name === "echo" || name === "sleep" || name === "crash",
  async run(request) {
    if (request.function === "crash") throw new Error("engine exploded");
    if (request.function === "sleep") await new Promise((resolve) => setTimeout(resolve, 20));
    return exitWith(request);
  },
};
