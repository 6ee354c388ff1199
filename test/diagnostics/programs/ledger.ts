// A module with durable code (a durable function) whose class has #private
// members: the transformer registers it, so its instances are saved, and so
// are those of subclasses with #private members of their own elsewhere.
import * as dispatch from "dispatch-ts";

export class Ledger {
  #entries: number[] = [];
  add(n: number): number {
    this.#entries.push(n);
    return this.#entries.length;
  }
}

export const record = dispatch.function(async function record(n: number) {
  return new Ledger().add(n);
});
