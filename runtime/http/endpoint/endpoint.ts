// The endpoint core: serves POST .../dispatch.sdk.v1.FunctionService/Run over
// any HTTP stack, seen through the small IncomingRun interface. The fetch
// handler and every adapter are thin layers over `handle`; building a WHATWG
// Request costs more on Node 20 than a whole small request, so the node:http
// adapter feeds the core directly.
//
// Guarantees: `handle` never rejects, and every reply is either 200 with a
// binary RunResponse or a Connect JSON error. The checks run from the cheapest
// to the costliest, and the body is read only once the signature over the
// headers has been verified. Assumes the runner reports failures of user code
// inside the RunResponse; whatever it throws becomes 500 internal.

import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { RunRequestSchema, RunResponseSchema } from "../../gen/dispatch/sdk/v1/function_pb.js";
import { HttpError, isHttpError } from "../http-error.js";
import type { SignedMessage } from "../signature/signature-base.js";
import { isSignatureError } from "../signature/signature-error.js";
import { verifyContentDigest } from "../signature/content-digest.js";
import { verifyRequest } from "../signature/verify-request.js";
import { endpointOptions, type EndpointOptions } from "./options.js";
import { announcedLength, readBody } from "./read-body.js";

export const runPath = "/dispatch.sdk.v1.FunctionService/Run";

/** One request as the core sees it, whatever the HTTP stack. */
export interface IncomingRun extends SignedMessage {
  /** The body, or null when the request has none. */
  readonly body: AsyncIterable<Uint8Array> | null;
}

/** One answer: status, headers (lower-case names) and the whole body. */
export interface RunReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface Endpoint {
  handle(request: IncomingRun): Promise<RunReply>;
}

/**
 * Whether a path is the Run procedure. Any prefix is accepted, so that the
 * endpoint can live under a path (DISPATCH_ENDPOINT_URL=https://host/prefix)
 * or be mounted in an app; the signature covers the full path either way.
 */
export function isRunPath(target: string): boolean {
  const mark = target.indexOf("?");
  const path = mark < 0 ? target : target.slice(0, mark);
  return path.endsWith(runPath);
}

export function createEndpoint(options: EndpointOptions): Endpoint {
  const { runner, verificationKey, maxBodyBytes, logger } = endpointOptions(options);
  if (verificationKey === undefined) {
    logger.warn(
      "dispatch endpoint: no verification key (DISPATCH_VERIFICATION_KEY is unset); requests are accepted without checking their signature",
    );
  }

  async function serve(request: IncomingRun): Promise<RunReply> {
    if (!isRunPath(request.target)) {
      throw HttpError.connect("not_found", `cannot serve ${clip(request.target.split("?")[0]!)}: no such procedure`);
    }
    if (request.method !== "POST") {
      throw HttpError.connect("unimplemented", `cannot serve ${clip(request.method)} ${runPath}: only POST is allowed`, 405);
    }
    const length = announcedLength(request.header("content-length"), maxBodyBytes);
    if (verificationKey !== undefined) await verifyRequest(request, verificationKey);
    const body = await readBody(request.body, length);
    if (verificationKey !== undefined) verifyContentDigest(request.header("content-digest"), body);
    let runRequest;
    try {
      runRequest = fromBinary(RunRequestSchema, body);
    } catch (error) {
      throw HttpError.connect("invalid_argument", `cannot decode RunRequest: ${(error as Error).message}`);
    }
    const name = runRequest.function;
    if (name === "") throw HttpError.connect("invalid_argument", "cannot run request: missing function name");
    if (!runner.has(name)) throw HttpError.connect("not_found", `function '${clip(name)}' does not exist`);
    let runResponse;
    try {
      runResponse = await runner.run(runRequest);
    } catch (error) {
      logger.error(`dispatch endpoint: function '${clip(name)}' failed inside the engine`, error);
      throw HttpError.connect("internal", `cannot run function '${clip(name)}': ${(error as Error)?.message ?? String(error)}`);
    }
    return { status: 200, headers: { "content-type": "application/proto" }, body: toBinary(RunResponseSchema, runResponse) };
  }

  return {
    async handle(request) {
      try {
        return await serve(request);
      } catch (error) {
        if (isHttpError(error)) return errorReply(error.code, error.message, error.status);
        if (isSignatureError(error)) {
          return error.reason === "missing"
            ? errorReply("unauthenticated", error.message, 401)
            : errorReply("permission_denied", error.message, 403);
        }
        logger.error("dispatch endpoint: cannot serve request", error);
        return errorReply("internal", `cannot serve request: ${(error as Error)?.message ?? String(error)}`, 500);
      }
    },
  };
}

const encoder = new TextEncoder();

function errorReply(code: string, message: string, status = 500): RunReply {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (status === 405) headers["allow"] = "POST";
  return { status, headers, body: encoder.encode(JSON.stringify({ code, message })) };
}

// Names and paths come from the request: keep error messages (and logs) short.
function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}
