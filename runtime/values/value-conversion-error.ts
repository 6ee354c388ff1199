// The one error class of the values layer: an Any that dispatch-ts cannot turn
// into a JavaScript value (a type it does not know, a Python pickle, malformed
// bytes), or a fallback codec that broke its contract. It is an
// InvalidArgumentError: a call whose input cannot be read fails with
// INVALID_ARGUMENT and is not retried, since retrying cannot make it readable.

import { InvalidArgumentError } from "../status/status-errors.js";

export class ValueConversionError extends InvalidArgumentError {}

Object.defineProperty(ValueConversionError.prototype, "name", {
  value: "ValueConversionError",
  writable: true,
  configurable: true,
});

/** Shape check, so that a copy from another realm or bundle is recognised too. */
export function isValueConversionError(value: unknown): value is ValueConversionError {
  return value instanceof Error && value.name === "ValueConversionError";
}
