// The client of the Dispatch API: DispatchService.Dispatch over the Connect
// protocol (binary, unary). Every failure is an HttpError whose message starts
// with "cannot dispatch calls:" and carries the Connect code; a rejected API
// key says which variable to check.

import { create, fromBinary, type MessageInitShape, toBinary } from "@bufbuild/protobuf";
import type { CallSchema } from "../gen/dispatch/sdk/v1/call_pb.js";
import { DispatchRequestSchema, DispatchResponseSchema } from "../gen/dispatch/sdk/v1/dispatch_pb.js";
import { ConfigError, defaultApiUrl, readApiKey, readApiUrl } from "./config.js";
import { HttpError } from "./http-error.js";
import { errorOfAnswer, postProto } from "./post-proto.js";

export interface ClientOptions {
  /** Defaults to DISPATCH_API_KEY. */
  apiKey: string;
  /** Defaults to DISPATCH_API_URL, then https://api.dispatch.run. */
  apiUrl: string;
  /** Deadline of one Dispatch call; 30 s by default. */
  timeoutMs: number;
}

export type CallInit = MessageInitShape<typeof CallSchema>;

const action = "cannot dispatch calls";

export class Client {
  readonly apiUrl: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;

  constructor(options: Partial<ClientOptions> = {}) {
    const apiKey = options.apiKey ?? readApiKey();
    if (apiKey === undefined || apiKey === "") {
      throw new ConfigError("cannot create client: no API key; set DISPATCH_API_KEY or pass apiKey");
    }
    const apiUrl = options.apiUrl ?? readApiUrl() ?? defaultApiUrl;
    if (!URL.canParse(apiUrl)) throw new ConfigError(`cannot create client: apiUrl is not a URL: ${JSON.stringify(apiUrl)}`);
    this.#apiKey = apiKey;
    this.apiUrl = apiUrl.replace(/\/+$/, "");
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Dispatches the calls atomically (all or none) and returns their dispatch ids, in order. */
  async dispatch(calls: readonly CallInit[]): Promise<string[]> {
    if (calls.length === 0) return [];
    const body = toBinary(DispatchRequestSchema, create(DispatchRequestSchema, { calls: [...calls] }));
    const url = new URL(`${this.apiUrl}/dispatch.sdk.v1.DispatchService/Dispatch`);
    const answer = await postProto(
      url,
      {
        authorization: `Bearer ${this.#apiKey}`,
        "content-type": "application/proto",
        "connect-protocol-version": "1",
      },
      body,
      { timeoutMs: this.#timeoutMs, maxResponseBytes: 16 * 1024 * 1024, action },
    );
    if (answer.status === 401) {
      const cause = errorOfAnswer(answer, action);
      throw new HttpError("connect", "unauthenticated", `${action}: the API key was rejected; check DISPATCH_API_KEY`, {
        status: 401,
        cause,
      });
    }
    if (answer.status !== 200) throw errorOfAnswer(answer, action);
    let ids: string[];
    try {
      ids = fromBinary(DispatchResponseSchema, answer.body).dispatchIds;
    } catch (error) {
      throw new HttpError("response", "internal", `${action}: cannot decode DispatchResponse: ${(error as Error).message}`, {
        status: 200,
        cause: error,
      });
    }
    if (ids.length !== calls.length) {
      throw new HttpError("response", "internal", `${action}: expected ${calls.length} dispatch ids, got ${ids.length}`, { status: 200 });
    }
    return ids;
  }
}
