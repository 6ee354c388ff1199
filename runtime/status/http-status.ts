// HTTP status code -> Status, as the Python SDK maps them: a specific status
// for the codes that say something precise (400, 401, 403, 404, 408, 429, 501),
// then by class. 1xx and 3xx are not results a function should return: they
// are permanent rather than silently OK. Anything outside 100..599 (a fetch
// Response.error() has status 0) is permanent too: we cannot tell what it means.

import { Status } from "../proto/messages.js";

const SPECIFIC: ReadonlyMap<number, Status> = new Map([
  [400, Status.INVALID_ARGUMENT],
  [401, Status.UNAUTHENTICATED],
  [403, Status.PERMISSION_DENIED],
  [404, Status.NOT_FOUND],
  [408, Status.TIMEOUT],
  [429, Status.THROTTLED],
  [501, Status.PERMANENT_ERROR],
]);

export function statusOfHttp(code: number): Status {
  const specific = SPECIFIC.get(code);
  if (specific !== undefined) return specific;
  if (code >= 200 && code < 300) return Status.OK;
  if (code >= 500 && code < 600) return Status.TEMPORARY_ERROR;
  return Status.PERMANENT_ERROR;
}
