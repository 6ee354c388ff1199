// The version pin reaches the engine through the compiled descriptor (the
// build reads the string literal); the options object at run time must say
// the same, or the pin was not seen by the build (not a literal) and would be
// silently ignored.
import type { FunctionDescriptor } from "../engine/frame.js";

export function checkVersionPin(api: string, options: { version?: unknown }, d: FunctionDescriptor): void {
  if (options.version === d.meta.version) return;
  throw new TypeError(
    `cannot define ${api} ${d.meta.name} (${d.id}): its version pin ${JSON.stringify(options.version)} is not the one the build compiled (${JSON.stringify(d.meta.version)}); write it as a string literal in the options object`,
  );
}
