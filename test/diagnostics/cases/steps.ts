// Durable functions the other cases call (no diagnostics here).
import * as dispatch from "dispatch-ts";

export const step = dispatch.function(async function step(n: number) {
  return n + 1;
});

export const save = dispatch.function(async function save(record: { id: string; total: number }) {
  return record.id;
});
