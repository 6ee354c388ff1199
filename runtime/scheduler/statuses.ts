// Which statuses the scheduler retries, and the names it shows for them. The lists are
// PROTOCOL.md's: retried = TIMEOUT, THROTTLED, TEMPORARY_ERROR, INCOMPATIBLE_STATE and the four
// transport errors; everything else but OK is permanent.
import { Status } from "../gen/dispatch/sdk/v1/status_pb.js";

const RETRYABLE: ReadonlySet<Status> = new Set([
  Status.TIMEOUT,
  Status.THROTTLED,
  Status.TEMPORARY_ERROR,
  Status.INCOMPATIBLE_STATE,
  Status.DNS_ERROR,
  Status.TCP_ERROR,
  Status.TLS_ERROR,
  Status.HTTP_ERROR,
]);

export function isRetryable(status: Status): boolean {
  return RETRYABLE.has(status);
}

/** "TEMPORARY_ERROR" for Status.TEMPORARY_ERROR; the number for values this build does not know. */
export function statusName(status: Status): string {
  return Status[status] ?? String(status);
}

/** The Error.type the scheduler gives errors it makes up for a status: "TemporaryError", "TcpError". */
export function errorTypeOf(status: Status): string {
  const name = statusName(status);
  if (name === "TIMEOUT") return "TimeoutError";
  const words = name.toLowerCase().split("_").filter((w) => w !== "error");
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("") + "Error";
}
