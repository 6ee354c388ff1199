// The protocol messages, re-exported from the generated code so that the rest of
// the runtime imports them from one place and never depends on generated paths.

export {
  type Call,
  CallSchema,
  type CallResult,
  CallResultSchema,
} from "../gen/dispatch/sdk/v1/call_pb.js";
export {
  type DispatchRequest,
  DispatchRequestSchema,
  type DispatchResponse,
  DispatchResponseSchema,
  DispatchService,
} from "../gen/dispatch/sdk/v1/dispatch_pb.js";
export { type Error, ErrorSchema } from "../gen/dispatch/sdk/v1/error_pb.js";
export { type Exit, ExitSchema } from "../gen/dispatch/sdk/v1/exit_pb.js";
export {
  type RunRequest,
  RunRequestSchema,
  type RunResponse,
  RunResponseSchema,
  FunctionService,
} from "../gen/dispatch/sdk/v1/function_pb.js";
export {
  type Poll,
  PollSchema,
  type PollResult,
  PollResultSchema,
} from "../gen/dispatch/sdk/v1/poll_pb.js";
export { Status, StatusSchema } from "../gen/dispatch/sdk/v1/status_pb.js";
