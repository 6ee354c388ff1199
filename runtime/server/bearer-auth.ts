// The scheduler's API key check: `Authorization: Bearer <key>`, compared in
// constant time (through digests, so that lengths leak nothing either).
import { createHash, timingSafeEqual } from "node:crypto";
import { HttpError } from "../http/http-error.js";

export function bearerCheck(apiKey: string): (authorization: string | undefined) => void {
  if (apiKey === "") throw new RangeError("cannot create scheduler server: the API key is empty");
  const expected = digest(apiKey);
  return (authorization) => {
    const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match === null) {
      throw HttpError.connect("unauthenticated", "cannot authenticate request: no bearer token; send Authorization: Bearer <DISPATCH_API_KEY>");
    }
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      throw HttpError.connect("unauthenticated", "cannot authenticate request: the API key is not valid");
    }
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
