// Every durable body the process has loaded, by frame id (module path +
// qualified name). Decoding a state looks frames up here; it never looks at
// Function.name, which minifiers rename.
import { FunctionDescriptor, type FunctionMeta } from "./frame.js";

const descriptors = new Map<string, FunctionDescriptor>();

export function registerFunction(modulePath: string, meta: FunctionMeta): FunctionDescriptor {
  const d = new FunctionDescriptor(modulePath, meta);
  const existing = descriptors.get(d.id);
  // A module evaluated twice (test runners re-import) replaces its bodies.
  if (existing !== undefined && existing.meta.layout !== meta.layout && process.env.NODE_ENV === "production") {
    throw new Error(`cannot register durable function ${d.id}: another body with the same id is loaded`);
  }
  descriptors.set(d.id, d);
  return d;
}

export function findFunction(id: string): FunctionDescriptor | undefined {
  return descriptors.get(id);
}
