// The durable call the other modules of this program wait on.
import * as dispatch from "dispatch-ts";

export const square = dispatch.function(async function square(n: number) {
  return n * n;
});
