// A module of its own whose exports the holder imports: its top-level
// bindings are registered by reference because the module is transformed
// (it has a durable function).
import * as dispatch from "dispatch-ts";

export function shout(s: string): string {
  return `${s.toUpperCase()}!`;
}

export const echo = dispatch.function(async function echo(s: string) {
  return s;
});
