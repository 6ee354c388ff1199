// One POST of a binary protobuf body over node:http(s), shared by the client
// and the invoker. node:http rather than fetch, because its errors carry the
// Node error codes (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED) that the
// scheduler turns into TCP, DNS and TLS statuses, and because it is cheaper.
// The whole exchange has one deadline and the answer a size limit.

import http from "node:http";
import https from "node:https";
import { connectCodeOf, HttpError, isConnectCode } from "./http-error.js";

export interface PostOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** Prefix of error messages: "cannot dispatch calls". */
  action: string;
}

export interface Answer {
  status: number;
  contentType: string;
  body: Uint8Array;
}

// Idle keep-alive sockets are unref'd by Node, so these do not hold the process open.
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

export function postProto(url: URL, headers: Record<string, string>, body: Uint8Array, options: PostOptions): Promise<Answer> {
  const { timeoutMs, maxResponseBytes, action } = options;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: HttpError | undefined, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) {
        req.destroy();
        reject(error);
      } else {
        resolve(answer!);
      }
    };
    const transport = (error: NodeJS.ErrnoException) =>
      settle(
        new HttpError("transport", error.code ?? "ECONNRESET", `${action}: ${url.origin} is unreachable: ${error.message}`, {
          cause: error,
        }),
      );
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "POST",
        agent: url.protocol === "https:" ? httpsAgent : httpAgent,
        headers: { ...headers, "content-length": String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            settle(new HttpError("response", "resource_exhausted", `${action}: the answer is larger than ${maxResponseBytes} bytes`, { status: res.statusCode }));
          } else {
            chunks.push(chunk);
          }
        });
        res.on("error", transport);
        res.on("end", () =>
          settle(undefined, {
            status: res.statusCode ?? 0,
            contentType: res.headers["content-type"] ?? "",
            body: Buffer.concat(chunks, size),
          }),
        );
      },
    );
    const timer = setTimeout(
      () => settle(new HttpError("timeout", "deadline_exceeded", `${action}: no answer from ${url.origin} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on("error", transport);
    req.end(body);
  });
}

/** The error an answer other than 200 stands for, from its Connect JSON body if it has one. */
export function errorOfAnswer(answer: Answer, action: string): HttpError {
  let code = connectCodeOf(answer.status);
  let message = `HTTP ${answer.status}`;
  if (answer.contentType.startsWith("application/json")) {
    try {
      const parsed = JSON.parse(Buffer.from(answer.body).toString("utf8")) as { code?: unknown; message?: unknown };
      if (isConnectCode(parsed.code)) code = parsed.code;
      if (typeof parsed.message === "string") message = parsed.message;
    } catch {
      // Not Connect JSON (a proxy's page, say): the status alone tells the story.
    }
  }
  return new HttpError("connect", code, `${action}: ${code}: ${message}`, { status: answer.status });
}
