// The endpoint as a fetch handler, `(Request) => Promise<Response>`: the form
// that Hono, Bun, Deno and workers serve, and the reference for the adapters.

import { createEndpoint } from "./endpoint.js";
import type { EndpointOptions } from "./options.js";

export type FetchHandler = (request: Request) => Promise<Response>;

export function createFetchHandler(options: EndpointOptions): FetchHandler {
  const endpoint = createEndpoint(options);
  return async (request) => {
    const url = new URL(request.url);
    const reply = await endpoint.handle({
      method: request.method,
      scheme: url.protocol.slice(0, -1),
      authority: url.host,
      target: url.pathname + url.search,
      header: (name) => request.headers.get(name) ?? undefined,
      body: request.body === null ? null : chunksOf(request.body),
    });
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stop the sender when the core gives up early (body longer than announced).
    reader.cancel().catch(() => {});
  }
}
