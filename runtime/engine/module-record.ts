// What a transformed module gets from `$rt.module(path)`: a way to register its
// durable bodies under ids made of its path and their qualified names.
import { registerFunction } from "./registry.js";
import type { FunctionDescriptor, FunctionMeta } from "./frame.js";

export class ModuleRecord {
  constructor(readonly path: string) {}

  fn(meta: FunctionMeta): FunctionDescriptor {
    return registerFunction(this.path, meta);
  }
}

export function module(path: string): ModuleRecord {
  return new ModuleRecord(path);
}
