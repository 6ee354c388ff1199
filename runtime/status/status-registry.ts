// Registered error and output types -> Status. A lookup walks the value's
// prototype chain from the most specific class up, so the closest registered
// class wins (a registered subclass beats a registered base, and beats the
// status carried by a StatusError parent). A mapper function may return
// undefined to say "not mine": the walk goes on up the chain, then to the
// defaults. Lookups never throw: this runs on the path that reports a failure,
// so a mapper that throws or returns something that is not a Status yields
// PERMANENT_ERROR and one process warning naming the class, instead of turning
// the original failure into a crash.

import { Status } from "../proto/messages.js";
import { defaultErrorStatus } from "./default-error-status.js";
import { statusOfHttp } from "./http-status.js";
import { isResponseLike } from "./response-like.js";
import { StatusError } from "./status-errors.js";
import { isStatus, statusName } from "./status-names.js";

/** A fixed status, or a function that derives one (undefined: fall through). */
export type StatusMapping<T> = Status | ((value: T) => Status | undefined);

/** Any class, abstract or not, whatever its constructor's parameters. */
export type AnyClass<T> = abstract new (...args: any[]) => T;

interface Entry {
  readonly mapping: StatusMapping<never>;
  readonly className: string;
  warned: boolean;
}

type Kind = "error type" | "output type";

// A cause chain longer than this is treated as unknown (and cycles end here).
const MAX_CAUSE_DEPTH = 8;

const isErrorStatus = (s: unknown): s is Status => isStatus(s) && s !== Status.UNSPECIFIED && s !== Status.OK;
const isOutputStatus = (s: unknown): s is Status => isStatus(s) && s !== Status.UNSPECIFIED;

export class StatusRegistry {
  readonly #errors = new Map<object, Entry>();
  readonly #outputs = new Map<object, Entry>();

  /** Errors of `cls` (and its subclasses) get `mapping`'s status. */
  registerErrorType<T>(cls: AnyClass<T>, mapping: StatusMapping<T>): void {
    this.#register(this.#errors, "error type", cls, mapping);
  }

  /** Outputs that are instances of `cls` (or its subclasses) get `mapping`'s status. */
  registerOutputType<T>(cls: AnyClass<T>, mapping: StatusMapping<T>): void {
    this.#register(this.#outputs, "output type", cls, mapping);
  }

  /** The status a call ends with when it throws `error`. Never OK or UNSPECIFIED. */
  statusOf(error: unknown): Status {
    return this.#statusOf(error, 0);
  }

  /** The status a call ends with when it returns `value`. */
  statusOfOutput(value: unknown): Status {
    try {
      const registered = this.#lookup(this.#outputs, "output type", value);
      if (registered !== undefined) return registered;
      if (isResponseLike(value)) return statusOfHttp(value.status);
      return Status.OK;
    } catch {
      return Status.PERMANENT_ERROR; // a hostile value (a Proxy trap that throws)
    }
  }

  #statusOf(error: unknown, depth: number): Status {
    if (depth > MAX_CAUSE_DEPTH) return Status.PERMANENT_ERROR;
    try {
      const registered = this.#lookup(this.#errors, "error type", error);
      if (registered !== undefined) return registered;
      return defaultErrorStatus(error, (cause) => this.#statusOf(cause, depth + 1));
    } catch {
      return Status.PERMANENT_ERROR; // a getter or Proxy trap that throws
    }
  }

  #lookup(entries: Map<object, Entry>, kind: Kind, value: unknown): Status | undefined {
    if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
    const isError = kind === "error type";
    if (entries.size === 0 && !isError) return undefined;
    for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
      const entry = entries.get(proto);
      if (entry !== undefined) {
        const status = this.#apply(entry, kind, value);
        if (status !== undefined) return status;
      }
      if (isError && proto === StatusError.prototype) {
        const status = (value as StatusError).status;
        if (isErrorStatus(status)) return status;
      }
    }
    return undefined;
  }

  #apply(entry: Entry, kind: Kind, value: unknown): Status | undefined {
    const { mapping } = entry;
    if (typeof mapping !== "function") return mapping;
    let result: unknown;
    try {
      result = (mapping as (v: unknown) => unknown)(value);
    } catch (error) {
      return this.#broken(entry, kind, `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    if (result === undefined) return undefined;
    const valid = kind === "error type" ? isErrorStatus(result) : isOutputStatus(result);
    return valid ? (result as Status) : this.#broken(entry, kind, `returned ${String(result)}, which is not ${kind === "error type" ? "an error status" : "a call outcome"}`);
  }

  #broken(entry: Entry, kind: Kind, what: string): Status {
    if (!entry.warned) {
      entry.warned = true;
      process.emitWarning(
        `cannot map ${kind === "error type" ? "error" : "output"} to status: the mapper registered for ${entry.className} ${what}; using PERMANENT_ERROR`,
        { code: "DISPATCH_STATUS_MAPPER" },
      );
    }
    return Status.PERMANENT_ERROR;
  }

  #register<T>(entries: Map<object, Entry>, kind: Kind, cls: AnyClass<T>, mapping: StatusMapping<T>): void {
    const proto: unknown = typeof cls === "function" ? cls.prototype : undefined;
    if (typeof proto !== "object" || proto === null) {
      throw new TypeError(`cannot register ${kind}: expected a class, got ${describe(cls)}`);
    }
    const className = cls.name || "(anonymous class)";
    if (typeof mapping !== "function") {
      if (!isStatus(mapping)) {
        throw new TypeError(`cannot register ${kind} ${className}: ${describe(mapping)} is not a Status`);
      }
      if (kind === "error type" ? !isErrorStatus(mapping) : !isOutputStatus(mapping)) {
        const expected = kind === "error type" ? "an error status" : "a call outcome";
        throw new TypeError(`cannot register ${kind} ${className}: status ${statusName(mapping)} is not ${expected}`);
      }
    }
    entries.set(proto, { mapping: mapping as StatusMapping<never>, className, warned: false });
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}
