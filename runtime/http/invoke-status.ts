// The protocol status of a failed call to an endpoint, for the scheduler. DNS,
// TLS and TCP failures are told apart by their Node error codes; answers by
// their HTTP status, so that the scheduler retries what may pass next time
// (timeouts, throttling, 5xx) and not what never will (400, 401, 403, 404).

import { Status } from "../gen/dispatch/sdk/v1/status_pb.js";
import type { HttpError } from "./http-error.js";

const dnsCodes = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
const tlsCodes = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$|EPROTO$)/;

export function statusOfHttpError(error: HttpError): Status {
  switch (error.kind) {
    case "timeout":
      return Status.TIMEOUT;
    case "response":
      return Status.INVALID_RESPONSE;
    case "transport":
      if (error.code === "ERR_INVALID_URL") return Status.INVALID_ARGUMENT;
      if (dnsCodes.has(error.code)) return Status.DNS_ERROR;
      if (tlsCodes.test(error.code)) return Status.TLS_ERROR;
      return Status.TCP_ERROR;
    case "connect":
      switch (error.status) {
        case 400:
          return Status.INVALID_ARGUMENT;
        case 401:
          return Status.UNAUTHENTICATED;
        case 403:
          return Status.PERMISSION_DENIED;
        case 404:
          return Status.NOT_FOUND;
        case 408:
        case 504:
          return Status.TIMEOUT;
        case 429:
          return Status.THROTTLED;
        default:
          return Status.HTTP_ERROR;
      }
  }
}
