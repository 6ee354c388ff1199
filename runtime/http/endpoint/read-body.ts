// Reading a request body without trusting its sender: the size is announced by
// Content-Length and checked before a byte is read, and the stream is counted
// as it arrives, so that a body is never buffered beyond the announced length
// (which is itself at most the configured limit).

import { HttpError } from "../http-error.js";

/** Validates Content-Length against the limit and returns it. */
export function announcedLength(header: string | undefined, maxBytes: number): number {
  if (header === undefined) throw HttpError.connect("invalid_argument", "cannot read request body: missing Content-Length");
  const text = header.trim();
  if (text.startsWith("-")) {
    throw HttpError.connect("invalid_argument", `cannot read request body: negative Content-Length ${clip(text)}`);
  }
  if (!/^\d+$/.test(text)) {
    throw HttpError.connect("invalid_argument", `cannot read request body: invalid Content-Length ${JSON.stringify(clip(text))}`);
  }
  const length = Number(text);
  if (length > maxBytes) {
    throw HttpError.connect(
      "invalid_argument",
      `cannot read request body: Content-Length ${clip(text)} is larger than the limit of ${maxBytes} bytes`,
    );
  }
  return length;
}

/** Reads exactly `length` bytes from the body, failing on more or fewer. */
export async function readBody(body: AsyncIterable<Uint8Array> | null, length: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (body !== null) {
    try {
      for await (const chunk of body) {
        received += chunk.length;
        if (received > length) {
          throw HttpError.connect("invalid_argument", `cannot read request body: more than the ${length} bytes of Content-Length`);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof HttpError) throw error;
      // The client went away mid-body: nobody will read the answer, and it is no server error.
      throw HttpError.connect("canceled", `cannot read request body: ${(error as Error)?.message ?? String(error)}`);
    }
  }
  if (received < length) {
    throw HttpError.connect("invalid_argument", `cannot read request body: got ${received} of the ${length} bytes of Content-Length`);
  }
  if (chunks.length === 1) return chunks[0]!;
  return Buffer.concat(chunks, received);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
