// DispatchService.Dispatch over HTTP (Connect unary, binary protobuf): the
// calls are stored atomically, and their ids answered in order, before the
// reply is sent. Invalid calls are 400 invalid_argument with the scheduler's
// message, which names the call and the problem.
import type { IncomingMessage } from "node:http";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { DispatchRequestSchema, DispatchResponseSchema } from "../gen/dispatch/sdk/v1/dispatch_pb.js";
import { HttpError } from "../http/http-error.js";
import { announcedLength, readBody } from "../http/endpoint/read-body.js";
import { isSchedulerError } from "../scheduler/errors.js";
import { isReserved } from "../scheduler/reserved.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import { protoReply, type Reply } from "./reply.js";

export const dispatchPath = "/dispatch.sdk.v1.DispatchService/Dispatch";

export async function serveDispatch(scheduler: Scheduler, req: IncomingMessage, maxBodyBytes: number): Promise<Reply> {
  const defaultEndpoint = scheduler.options.defaultEndpoint;
  const type = req.headers["content-type"];
  if (type !== undefined && !/^application\/proto\s*(;|$)/i.test(type)) {
    throw HttpError.connect("invalid_argument", `cannot dispatch calls: expected Content-Type application/proto, got ${JSON.stringify(type.slice(0, 60))}`, 415);
  }
  const body = await readBody(req, announcedLength(req.headers["content-length"], maxBodyBytes));
  let request;
  try {
    request = fromBinary(DispatchRequestSchema, body);
  } catch (error) {
    throw HttpError.connect("invalid_argument", `cannot decode DispatchRequest: ${(error as Error).message}`);
  }
  // Refused now rather than failing later at the first run: nobody would know where to send it.
  const lost = defaultEndpoint === "" ? request.calls.findIndex((c) => c.endpoint === "" && !isReserved(c.function)) : -1;
  if (lost >= 0) {
    const name = JSON.stringify(request.calls[lost]!.function.slice(0, 100));
    throw HttpError.connect("invalid_argument", `cannot dispatch call ${lost} (${name}): it names no endpoint and the scheduler has no default (start it with --endpoint URL)`);
  }
  try {
    const response = await scheduler.serveDispatch(request);
    return protoReply(toBinary(DispatchResponseSchema, response));
  } catch (error) {
    if (isSchedulerError(error)) throw HttpError.connect("invalid_argument", error.message);
    throw HttpError.connect("internal", `cannot dispatch calls: ${(error as Error)?.message ?? String(error)}`);
  }
}
