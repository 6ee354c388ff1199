// dispatch.sdk.v1.Error -> the value to throw into the awaiting frame. When
// `value` decodes (dispatch-ts sent it), that is the original thrown value,
// class and own properties included. Otherwise (another language, or a class
// this process does not know) an error is rebuilt from the text: a JavaScript
// built-in or a status error class when `type` names one (a Python
// TimeoutError means what ours means), else an Error whose name is `type`; its
// stack is the remote traceback, since the local one would only show where the
// result was delivered.

import { type Error as ErrorProto } from "../proto/messages.js";
import { CancelledError, STATUS_ERROR_CLASSES } from "../status/status-errors.js";
import type { ValueDecoder } from "./fallback.js";

type ErrorClass = new (message?: string) => Error;

const KNOWN_CLASSES: ReadonlyMap<string, ErrorClass> = new Map<string, ErrorClass>([
  ["Error", Error],
  ["TypeError", TypeError],
  ["RangeError", RangeError],
  ["SyntaxError", SyntaxError],
  ["ReferenceError", ReferenceError],
  ["EvalError", EvalError],
  ["URIError", URIError],
  ...STATUS_ERROR_CLASSES.map(([cls, name]) => [name, cls as unknown as ErrorClass] as const),
  ["CancelledError", CancelledError as unknown as ErrorClass],
]);

const utf8 = new TextDecoder();

export function errorFromProto(error: ErrorProto, fallback: ValueDecoder): unknown {
  if (error.value.length > 0) {
    try {
      return fallback.decode(error.value);
    } catch {
      // Not ours to read (a pickle from Python, a class unknown here): rebuild from the text.
    }
  }
  return rebuildError(error);
}

/** An error rebuilt from the text fields only. */
export function rebuildError(error: ErrorProto): Error {
  const type = error.type === "" ? "Error" : error.type;
  const cls = KNOWN_CLASSES.get(type) ?? Error;
  const rebuilt = new cls(error.message);
  if (rebuilt.name !== type) {
    Object.defineProperty(rebuilt, "name", { value: type, writable: true, configurable: true });
  }
  const header = error.message === "" ? type : `${type}: ${error.message}`;
  const traceback = utf8.decode(error.traceback);
  // A JavaScript stack already starts with its header; a Python traceback does not.
  const stack = traceback === "" ? header : traceback.startsWith(type) ? traceback : `${header}\n${traceback}`;
  Object.defineProperty(rebuilt, "stack", { value: stack, writable: true, configurable: true });
  return rebuilt;
}
