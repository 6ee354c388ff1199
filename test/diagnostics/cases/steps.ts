// Durable functions the other cases call (no diagnostics here).
import * as dispatch from "dispatch-ts";

export const step = dispatch.function(async function step(n: number) {
  return n + 1;
});

export const save = dispatch.function(async function save(record: { id: string; total: number }) {
  return record.id;
});

/** A #private class of a module with durable code: saved, and so are its subclasses that have #private members of their own. */
export class Ledger {
  #entries: number[] = [];
  add(n: number): number {
    this.#entries.push(n);
    return this.#entries.length;
  }
}
