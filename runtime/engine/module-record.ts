// What a transformed module gets from `$rt.module(path)`: a way to register its
// durable bodies under ids made of its path and their qualified names.
import { ABI } from "../abi.js";
import { registerFunction } from "./registry.js";
import { registerValue } from "./runtime-refs.js";
import { registerGeneratorDescriptor } from "./generators.js";
import type { FunctionDescriptor, FunctionMeta } from "./frame.js";

export class ModuleRecord {
  constructor(readonly path: string) {}

  /**
   * A lowered function's descriptor. Generated code passes the meta as JSON text and the factories
   * of its lifted closures apart (transformer/transform-file.ts, metaArguments): one string literal
   * is far less for the build to make and print than the object literal it stands for.
   */
  fn(meta: FunctionMeta | string, closures?: FunctionMeta["closures"]): FunctionDescriptor {
    if (typeof meta === "string") meta = closures === undefined ? (JSON.parse(meta) as FunctionMeta) : { ...(JSON.parse(meta) as FunctionMeta), closures };
    const d = registerFunction(this.path, meta);
    if (meta.generator === true) registerGeneratorDescriptor(d);
    return d;
  }

  /** Top-level bindings, encoded by reference (`path#name`) wherever they appear in state. */
  refs(bindings: Record<string, unknown>): void {
    for (const name of Object.keys(bindings)) {
      const v = bindings[name];
      if ((typeof v === "object" && v !== null) || typeof v === "function" || typeof v === "symbol") {
        const id = `${this.path}#${name}`;
        registerValue(id, v);
        // `obj.m(await x)` reads the method before the await: methods of module classes and
        // singletons are references too (own data properties only: no getter runs).
        if (typeof v !== "symbol") {
          registerMethods(`${id}.`, v);
          if (typeof v === "function") registerMethods(`${id}.prototype.`, (v as { prototype?: unknown }).prototype);
        }
      }
    }
  }
}

/** The module's record; `abi` is the contract version its transformer wrote (runtime/abi.ts). */
export function module(path: string, abi?: unknown): ModuleRecord {
  if (abi !== ABI) {
    const built = abi === undefined ? "an older ABI (1, which wrote none)" : `ABI ${String(abi)}`;
    throw new Error(`dispatch-ts: ${path} was transformed for ${built}, but this runtime (dispatch-ts/internal) implements ABI ${ABI}: build it again with this version's transformer`);
  }
  return new ModuleRecord(path);
}

function registerMethods(prefix: string, holder: unknown): void {
  if (holder === null || (typeof holder !== "object" && typeof holder !== "function")) return;
  for (const key of Object.getOwnPropertyNames(holder)) {
    const d = Object.getOwnPropertyDescriptor(holder, key);
    if (d !== undefined && "value" in d && typeof d.value === "function" && key !== "constructor") registerValue(prefix + key, d.value as object);
  }
}
