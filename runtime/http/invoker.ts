// How the scheduler calls an endpoint: POST {endpoint}/dispatch.sdk.v1.
// FunctionService/Run with a binary RunRequest, signed when a signing key is
// given. Failures are HttpErrors: "transport" with the Node error code kept,
// "timeout", "connect" (the endpoint answered an error, with its status and
// Connect code) or "response" (an answer that is not a RunResponse);
// statusOfHttpError maps them to protocol statuses.

import type { KeyObject } from "node:crypto";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { type RunRequest, RunRequestSchema, type RunResponse, RunResponseSchema } from "../gen/dispatch/sdk/v1/function_pb.js";
import { runPath } from "./endpoint/endpoint.js";
import { HttpError } from "./http-error.js";
import { errorOfAnswer, postProto } from "./post-proto.js";
import { type KeyInput, loadSigningKey } from "./signature/keys.js";
import { signRequest } from "./signature/sign-request.js";

export interface InvokerOptions {
  /** Private key that signs every request; null sends them unsigned. */
  signingKey: KeyInput | null;
  /** Deadline of one run; 5 minutes by default, shortened by the request's expiration time. */
  timeoutMs: number;
  maxResponseBytes: number;
}

export type Invoker = (endpoint: string, request: RunRequest) => Promise<RunResponse>;

export function createHttpInvoker(options: Partial<InvokerOptions> = {}): Invoker {
  const key: KeyObject | undefined = options.signingKey == null ? undefined : loadSigningKey(options.signingKey);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
  return async (endpoint, request) => {
    const action = `cannot run function '${request.function}' at ${endpoint}`;
    let url: URL;
    try {
      url = new URL(endpoint.replace(/\/+$/, "") + runPath);
    } catch (error) {
      throw new HttpError("transport", "ERR_INVALID_URL", `${action}: not a URL`, { cause: error });
    }
    const body = toBinary(RunRequestSchema, request);
    const headers: Record<string, string> = { "content-type": "application/proto", "connect-protocol-version": "1" };
    if (key !== undefined) Object.assign(headers, signRequest({ method: "POST", url, headers, body }, key));
    const answer = await postProto(url, headers, body, { timeoutMs: deadline(request, timeoutMs), maxResponseBytes, action });
    if (answer.status !== 200) throw errorOfAnswer(answer, action);
    try {
      return fromBinary(RunResponseSchema, answer.body);
    } catch (error) {
      throw new HttpError("response", "internal", `${action}: cannot decode RunResponse: ${(error as Error).message}`, {
        status: 200,
        cause: error,
      });
    }
  };
}

// A run past its expiration time is pointless: wait no longer than that.
function deadline(request: RunRequest, timeoutMs: number): number {
  const expiration = request.expirationTime;
  if (expiration === undefined) return timeoutMs;
  const left = Number(expiration.seconds) * 1000 + Math.floor(expiration.nanos / 1e6) - Date.now();
  return Math.max(1, Math.min(timeoutMs, left));
}
