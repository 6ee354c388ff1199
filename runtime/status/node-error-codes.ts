// Node.js and undici error codes (`error.code`) -> Status. Network failures are
// retryable under the status that names their layer; resource exhaustion is
// temporary; a missing file or a refused permission is what the Python SDK makes
// of FileNotFoundError and PermissionError. Codes not listed here fall through
// to the other rules (an unlisted system error is temporary, as OSError is in
// the Python SDK).

import { Status } from "../proto/messages.js";

const CODES: ReadonlyMap<string, Status> = new Map([
  // Timeouts: the operation may well succeed if tried again.
  ["ETIMEDOUT", Status.TIMEOUT],
  ["ESOCKETTIMEDOUT", Status.TIMEOUT],
  ["ERR_HTTP_REQUEST_TIMEOUT", Status.TIMEOUT],
  // TCP: the connection failed or broke.
  ["ECONNRESET", Status.TCP_ERROR],
  ["ECONNREFUSED", Status.TCP_ERROR],
  ["ECONNABORTED", Status.TCP_ERROR],
  ["EPIPE", Status.TCP_ERROR],
  ["ENOTCONN", Status.TCP_ERROR],
  ["EHOSTUNREACH", Status.TCP_ERROR],
  ["EHOSTDOWN", Status.TCP_ERROR],
  ["ENETUNREACH", Status.TCP_ERROR],
  ["ENETDOWN", Status.TCP_ERROR],
  ["ENETRESET", Status.TCP_ERROR],
  ["EADDRNOTAVAIL", Status.TCP_ERROR],
  ["UND_ERR_SOCKET", Status.TCP_ERROR],
  ["UND_ERR_CLOSED", Status.TCP_ERROR],
  ["ERR_SOCKET_CLOSED", Status.TCP_ERROR],
  ["ERR_STREAM_PREMATURE_CLOSE", Status.TCP_ERROR],
  // DNS: resolution failed (ETIMEOUT, EREFUSED, ... are the dns module's codes).
  ["ENOTFOUND", Status.DNS_ERROR],
  ["EAI_AGAIN", Status.DNS_ERROR],
  ["EAI_FAIL", Status.DNS_ERROR],
  ["EAI_NONAME", Status.DNS_ERROR],
  ["EAI_NODATA", Status.DNS_ERROR],
  ["ENODATA", Status.DNS_ERROR],
  ["ESERVFAIL", Status.DNS_ERROR],
  ["ETIMEOUT", Status.DNS_ERROR],
  ["EREFUSED", Status.DNS_ERROR],
  ["EBADRESP", Status.DNS_ERROR],
  // TLS: OpenSSL verification codes that do not start with CERT_, and EPROTO,
  // which is how a handshake with a non-TLS peer usually fails.
  ["DEPTH_ZERO_SELF_SIGNED_CERT", Status.TLS_ERROR],
  ["SELF_SIGNED_CERT_IN_CHAIN", Status.TLS_ERROR],
  ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", Status.TLS_ERROR],
  ["UNABLE_TO_GET_ISSUER_CERT", Status.TLS_ERROR],
  ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", Status.TLS_ERROR],
  ["UNABLE_TO_GET_CRL", Status.TLS_ERROR],
  ["UNABLE_TO_DECRYPT_CERT_SIGNATURE", Status.TLS_ERROR],
  ["UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY", Status.TLS_ERROR],
  ["HOSTNAME_MISMATCH", Status.TLS_ERROR],
  ["INVALID_CA", Status.TLS_ERROR],
  ["PATH_LENGTH_EXCEEDED", Status.TLS_ERROR],
  ["INVALID_PURPOSE", Status.TLS_ERROR],
  ["EPROTO", Status.TLS_ERROR],
  // HTTP: the peer answered, but not with valid HTTP.
  ["UND_ERR_RES_CONTENT_LENGTH_MISMATCH", Status.HTTP_ERROR],
  ["UND_ERR_HEADERS_OVERFLOW", Status.HTTP_ERROR],
  ["ERR_INVALID_HTTP_RESPONSE", Status.HTTP_ERROR],
  // Resource exhaustion: transient by nature.
  ["EMFILE", Status.TEMPORARY_ERROR],
  ["ENFILE", Status.TEMPORARY_ERROR],
  ["EAGAIN", Status.TEMPORARY_ERROR],
  ["EBUSY", Status.TEMPORARY_ERROR],
  ["ENOBUFS", Status.TEMPORARY_ERROR],
  ["ENOMEM", Status.TEMPORARY_ERROR],
  // Files and permissions, as the Python SDK maps FileNotFoundError and PermissionError.
  ["ENOENT", Status.NOT_FOUND],
  ["EACCES", Status.PERMISSION_DENIED],
  ["EPERM", Status.PERMISSION_DENIED],
]);

const PREFIXES: readonly (readonly [string, Status])[] = [
  ["ERR_TLS_", Status.TLS_ERROR],
  ["ERR_SSL_", Status.TLS_ERROR],
  ["CERT_", Status.TLS_ERROR],
  ["HPE_", Status.HTTP_ERROR], // llhttp: malformed HTTP from the peer
  ["ERR_HTTP2_", Status.HTTP_ERROR],
];

/** The status for a Node.js or undici error code, or undefined when the code says nothing. */
export function statusOfCode(code: string): Status | undefined {
  const exact = CODES.get(code);
  if (exact !== undefined) return exact;
  // undici: UND_ERR_CONNECT_TIMEOUT, UND_ERR_HEADERS_TIMEOUT, UND_ERR_BODY_TIMEOUT.
  if (code.startsWith("UND_ERR_") && code.endsWith("_TIMEOUT")) return Status.TIMEOUT;
  for (const [prefix, status] of PREFIXES) {
    if (code.startsWith(prefix)) return status;
  }
  return undefined;
}
