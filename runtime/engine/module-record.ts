// What a transformed module gets from `$rt.module(path)`: a way to register its
// durable bodies under ids made of its path and their qualified names.
import { registerFunction } from "./registry.js";
import { registerValue } from "./runtime-refs.js";
import type { FunctionDescriptor, FunctionMeta } from "./frame.js";

export class ModuleRecord {
  constructor(readonly path: string) {}

  fn(meta: FunctionMeta): FunctionDescriptor {
    return registerFunction(this.path, meta);
  }

  /** Top-level bindings, encoded by reference (`path#name`) wherever they appear in state. */
  refs(bindings: Record<string, unknown>): void {
    for (const name of Object.keys(bindings)) {
      const v = bindings[name];
      if ((typeof v === "object" && v !== null) || typeof v === "function" || typeof v === "symbol") registerValue(`${this.path}#${name}`, v);
    }
  }
}

export function module(path: string): ModuleRecord {
  return new ModuleRecord(path);
}
