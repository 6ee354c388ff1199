// Call rules of the upstream definition (buf/validate annotations there):
// `function` is required and matches FUNCTION_NAME_PATTERN; `endpoint`, when
// set, is an absolute URI. Everything else in a Call is free.

import type { Call } from "./messages.js";
import { ValidationError } from "./validation-error.js";

/** The upstream pattern for Call.function. */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_<>.]*$/;

// RFC 3986: a scheme, then only unreserved, reserved and percent-encoded
// characters. buf/validate's `uri` rule is this strict; WHATWG URL parsing alone
// would accept spaces and non-ASCII text that other validators refuse.
const ABSOLUTE_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:(?:[a-zA-Z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9a-fA-F]{2})*$/;

/** True when `endpoint` is an absolute URI. */
export function isAbsoluteUri(endpoint: string): boolean {
  return ABSOLUTE_URI.test(endpoint) && URL.canParse(endpoint);
}

/**
 * Why a Call breaks the upstream rules, or undefined. `path` prefixes field
 * names when the call is nested ("calls[2].", "tail_call.").
 */
export function callProblem(call: Call, path = ""): string | undefined {
  if (call.function === "") {
    return `${path}function is required`;
  }
  if (!FUNCTION_NAME_PATTERN.test(call.function)) {
    return `${path}function ${JSON.stringify(call.function)} does not match ${FUNCTION_NAME_PATTERN.source}`;
  }
  if (call.endpoint !== "" && !isAbsoluteUri(call.endpoint)) {
    return `${path}endpoint ${JSON.stringify(call.endpoint)} is not an absolute URI`;
  }
  return undefined;
}

/** Returns the call when it follows the upstream rules; throws a ValidationError otherwise. */
export function validateCall(call: Call): Call {
  const problem = callProblem(call);
  if (problem !== undefined) {
    throw new ValidationError("call", problem);
  }
  return call;
}
