// An Invoker throws when it could not get a RunResponse at all. The error's code says which layer
// failed; the scheduler turns it into the matching protocol status so that retries and the
// concurrency control treat "endpoint unreachable" like any other retryable failure.
import { Status } from "../gen/dispatch/sdk/v1/status_pb.js";

const DNS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"]);
const TCP = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CLOSED",
]);
const TLS_PREFIXES = ["ERR_TLS_", "ERR_SSL_", "CERT_", "ERR_OSSL_"];
const TLS = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * The status for an error thrown by an Invoker. An error may name its status itself with a
 * numeric `dispatchStatus` property (an HTTP client that got a 404 sets NOT_FOUND); otherwise the
 * Node error code, also on `cause` (fetch wraps the socket error), picks DNS, TCP or TLS, and
 * anything else counts as an HTTP error.
 */
export function classifyTransportError(error: unknown): Status {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === "object" && depth < 4; depth++) {
    const named = (e as { dispatchStatus?: unknown }).dispatchStatus;
    if (typeof named === "number" && Status[named] !== undefined) return named as Status;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (DNS.has(code)) return Status.DNS_ERROR;
      if (TCP.has(code)) return Status.TCP_ERROR;
      if (TLS.has(code) || TLS_PREFIXES.some((p) => code.startsWith(p))) return Status.TLS_ERROR;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return Status.HTTP_ERROR;
}
