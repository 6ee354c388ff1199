// What the scheduler says about statuses: the retry rule and names come from runtime/status
// (PROTOCOL.md's lists); the error type it gives errors it makes up is its own.
import type { Status } from "../gen/dispatch/sdk/v1/status_pb.js";
import { statusName } from "../status/status-names.js";

// One list of retryable statuses for the whole SDK (runtime/status).
export { isRetryable, statusName } from "../status/status-names.js";

/** The Error.type the scheduler gives errors it makes up for a status: "TemporaryError", "TcpError". */
export function errorTypeOf(status: Status): string {
  const name = statusName(status);
  if (name === "TIMEOUT") return "TimeoutError";
  const words = name.toLowerCase().split("_").filter((w) => w !== "error");
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("") + "Error";
}
