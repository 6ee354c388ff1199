// Wire names (Call.function) of dispatch.functions, checked at registration:
// the protocol's pattern, and one body per name. The frame id (module path +
// qualified name) is a separate name that state refers to.
import type { FunctionDescriptor } from "./frame.js";

export const WIRE_NAME = /^[a-zA-Z_][a-zA-Z0-9_<>.]*$/;

export interface FunctionOptions {
  /** The wire name; default: the qualified name the compiler gave the function. */
  name?: string;
  /** Endpoint URL where the function is served (server mode); default: the scheduler's. */
  endpoint?: string;
  /** Expiration of each call, in milliseconds. */
  expirationMs?: number;
  /**
   * Version pin (a string literal: the build reads it). States carry the version of each frame,
   * the body hash when unpinned; a pin keeps suspended calls resumable across edits of the body
   * that keep its frame layout. The build refuses a pin over a layout change.
   */
  version?: string;
}

export interface RegisteredFunction {
  readonly name: string;
  readonly descriptor: FunctionDescriptor;
  readonly options: FunctionOptions;
  /** A `@dispatch.function` method: its input is `[this, ...args]`. */
  readonly receiver: boolean;
}

export class Registry {
  private readonly byName = new Map<string, RegisteredFunction>();

  register(descriptor: FunctionDescriptor, options: FunctionOptions = {}, { receiver = false } = {}): RegisteredFunction {
    const name = options.name ?? descriptor.meta.name;
    if (!WIRE_NAME.test(name)) {
      throw new Error(`cannot register dispatch.function ${JSON.stringify(name)}: a function name must match ${WIRE_NAME.source}`);
    }
    const existing = this.byName.get(name);
    if (existing !== undefined && existing.descriptor.id !== descriptor.id) {
      throw new Error(
        `cannot register dispatch.function ${name} (${descriptor.id}): the name is already used by ${existing.descriptor.id}; give one of them another name with dispatch.function({ name: "..." }, ...)${receiver ? ` or @dispatch.function({ name: "..." })` : ""}`,
      );
    }
    const f: RegisteredFunction = { name, descriptor, options, receiver };
    this.byName.set(name, f);
    return f;
  }

  get(name: string): RegisteredFunction | undefined {
    return this.byName.get(name);
  }

  byDescriptor(id: string): RegisteredFunction | undefined {
    for (const f of this.byName.values()) if (f.descriptor.id === id) return f;
    return undefined;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

export const defaultRegistry = new Registry();

export function functionByName(name: string): RegisteredFunction | undefined {
  return defaultRegistry.get(name);
}
