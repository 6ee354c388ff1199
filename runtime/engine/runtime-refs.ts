// Values encoded by reference instead of copied: the engine's own classes
// (loop cursors) and, through `registerValue`, module-level bindings of
// transformed modules and values users register (DESIGN decision 8).
import { ArrayCursor, KeyCursor, StringCursor } from "./iteration.js";
import { builtinReferences } from "./builtin-refs.js";

const ids = new Map<object | symbol, string>();
const values = new Map<string, unknown>();

export function registerValue(id: string, value: object | symbol): void {
  const existing = values.get(id);
  if (existing !== undefined && existing !== value) ids.delete(existing as object);
  ids.set(value, id);
  values.set(id, value);
}

for (const [value, id] of builtinReferences()) registerValue(id, value as object);
registerValue("dispatch-ts:ArrayCursor", ArrayCursor);
registerValue("dispatch-ts:StringCursor", StringCursor);
registerValue("dispatch-ts:KeyCursor", KeyCursor);

export const runtimeRefs = {
  refOf(value: object | symbol): string | undefined {
    return ids.get(value);
  },
  resolveRef(id: string): unknown {
    if (!values.has(id)) throw new Error(`no value is registered as ${id}`);
    return values.get(id);
  },
};

// Loops over Maps and Sets (serialized through their toDurable) and over arr.keys()/arr.entries().
import { ArrayKindCursor, CollectionCursor } from "./iteration.js";
registerValue("dispatch-ts:CollectionCursor", CollectionCursor);
registerValue("dispatch-ts:ArrayKindCursor", ArrayKindCursor);

// The runtime's own error classes, so that a caught CancelledError or PermanentError kept in a frame
// is still `instanceof` its class after a resume (an unregistered one decodes as a plain Error).
import { CancelledError, StatusError, STATUS_ERROR_CLASSES } from "../status/status-errors.js";
registerValue("dispatch-ts:StatusError", StatusError);
registerValue("dispatch-ts:CancelledError", CancelledError);
for (const [cls, name] of STATUS_ERROR_CLASSES) registerValue(`dispatch-ts:${name}`, cls);
